from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from progress.models import ActionStatus, Level, Sharing
from progress.selectors import Area
from progress.services import AreaInput, evidence_links_clean


class AreaFields:
    """One focus area's fields of the report form, for the template."""

    def __init__(self, form, area: Area):
        self.area = area
        self.level = form[f"level_{area.id}"]
        self.narrative = form[f"narrative_{area.id}"]
        self.evidence = form[f"evidence_{area.id}"]
        self.case_studies = form[f"case_studies_{area.id}"] if form.case_study_choices else None

    @property
    def level_options(self) -> list[dict]:
        """The four levels as radio buttons, each with its description beside it."""
        value = self.level.value()
        chosen = str(value) if value not in (None, "") else ""
        descriptions = Level.descriptions()
        return [
            {
                "id": f"{self.level.auto_id}_{number}",
                "value": number,
                "label": label,
                "description": descriptions[number],
                "checked": chosen == str(number),
            }
            for number, label in Level.choices
        ]

    @property
    def errors(self) -> bool:
        fields = [self.level, self.narrative, self.evidence, self.case_studies]
        return any(field.errors for field in fields if field is not None)


class ReportForm(forms.Form):
    """A city's self-assessment: for each focus area a level, a narrative, evidence links and
    the city's own case studies; who sees the results; corrections to the adoption."""

    sharing = forms.ChoiceField(
        label=_("Who sees our results"), choices=Sharing.choices, widget=forms.RadioSelect
    )
    adoption_correction = forms.CharField(
        label=_("Corrections to our Charter adoption"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the secretariat has wrong about our adoption of the Charter."),
    )

    def __init__(self, *args, areas: list[Area], case_study_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.case_study_choices = case_study_choices
        for area in areas:
            self.fields[f"level_{area.id}"] = forms.TypedChoiceField(
                label=_("Level: %(area)s") % {"area": area.name},
                choices=Level.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the four levels.")},
            )
            self.fields[f"narrative_{area.id}"] = forms.CharField(
                label=_("What we do and what we learned: %(area)s") % {"area": area.name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"evidence_{area.id}"] = forms.CharField(
                label=_("Evidence links: %(area)s") % {"area": area.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One web address per line, starting with http:// or https://."),
            )
            if case_study_choices:
                self.fields[f"case_studies_{area.id}"] = forms.TypedMultipleChoiceField(
                    label=_("Our case studies: %(area)s") % {"area": area.name},
                    choices=case_study_choices,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )

    @staticmethod
    def initial_from(report, areas: list[Area]) -> dict:
        initial = {"sharing": report.sharing, "adoption_correction": report.adoption_correction}
        for assessment in report.assessments.all():
            area_id = assessment.focus_area_id
            initial[f"level_{area_id}"] = assessment.level
            initial[f"narrative_{area_id}"] = assessment.narrative
            initial[f"evidence_{area_id}"] = "\n".join(assessment.evidence_links)
            initial[f"case_studies_{area_id}"] = [row.pk for row in assessment.case_studies.all()]
        return initial

    def area_fields(self) -> list[AreaFields]:
        return [AreaFields(self, area) for area in self.areas]

    def clean(self):
        cleaned = super().clean()
        for area in self.areas:
            name = f"evidence_{area.id}"
            if name in cleaned:
                try:
                    cleaned[f"links_{area.id}"] = evidence_links_clean(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def area_inputs(self) -> dict[int, AreaInput]:
        data = self.cleaned_data
        return {
            area.id: AreaInput(
                level=data.get(f"level_{area.id}"),
                narrative=data.get(f"narrative_{area.id}", ""),
                evidence_links=data.get(f"links_{area.id}", []),
                case_study_ids=data.get(f"case_studies_{area.id}", []),
            )
            for area in self.areas
        }

    def add_missing(self, missing: dict[str, dict[str, str]]) -> None:
        """Attach what ``report_submit`` found missing (per focus area slug and field)."""
        for area in self.areas:
            for field, message in missing.get(area.slug, {}).items():
                self.add_error(f"{field}_{area.id}", message)


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        label=_("Who sees our results"), choices=Sharing.choices, widget=forms.RadioSelect
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    goal = forms.CharField(
        label=_("Goal"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    focus_areas = forms.TypedMultipleChoiceField(
        label=_("Focus areas"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    case_studies = forms.TypedMultipleChoiceField(
        label=_("Our case studies that came out of it"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, areas: list[Area], case_study_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].choices = [(area.id, area.name) for area in areas]
        if case_study_choices:
            self.fields["case_studies"].choices = case_study_choices
        else:
            del self.fields["case_studies"]


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    text = forms.CharField(
        label=_("What happened"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
