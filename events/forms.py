from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The city, agency or organisation you come from."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=300,
        required=False,
        help_text=_("Erased 30 days after the event."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=300,
        required=False,
        help_text=_("Erased 30 days after the event."),
    )
