"""Forms and filters of the secretariat's membership admin. They validate; services write."""

import django_filters

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

from cities.models import (
    ApplicationStatus,
    Country,
    Membership,
    MembershipApplication,
    MembershipStatus,
)

FIRST_AMBASSADOR_YEAR = 2016  # the network's first year; a database constraint says the same


class MembershipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MembershipStatus.choices, empty_label=_("All")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="city_page__country",
        queryset=Country.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )

    class Meta:
        model = Membership
        fields = ["status", "country"]


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, empty_label=_("All")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )

    class Meta:
        model = MembershipApplication
        fields = ["status", "country"]


class MembershipStatusForm(forms.ModelForm):
    """A new status and the reason for it. Saved by ``membership_change_status``, not ``save()``."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept in the membership's history with your name and the date."),
        error_messages={
            "required": _("Write why the status changes. The reason is kept in the history.")
        },
    )

    class Meta:
        model = Membership
        fields = ["status"]
        labels = {"status": _("New status")}

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == self.instance.status:
            raise forms.ValidationError(
                _("The membership is already “%(status)s”. Choose another status."),
                code="unchanged",
                params={"status": self.instance.get_status_display()},
            )
        return status

    def save(self, commit=True):
        # A guard, not a stub: the edit view saves through the service, which records history.
        raise RuntimeError("Change a status with cities.services.membership_change_status.")


class AmbassadorCountForm(forms.Form):
    """A year's number of young peace ambassadors; a year already recorded is overwritten."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_AMBASSADOR_YEAR)
    count = forms.IntegerField(label=_("Peace ambassadors"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        year = self.fields["year"]
        year.validators.append(MaxValueValidator(this_year))
        year.widget.attrs["max"] = this_year
        help_text = _("From %(first)s to this year. A year already recorded is overwritten.")
        year.help_text = help_text % {"first": FIRST_AMBASSADOR_YEAR}


class CoordinatorInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Used to greet the person in the invitation. They can change it."),
    )


class ApplicationDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The applicant receives this reason by email, in their language."),
        error_messages={
            "required": _("Write the reason for declining. The applicant receives it by email.")
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason
