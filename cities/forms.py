from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from cities.models import Country, MembershipApplication
from core.forms import HoneypotForm


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MembershipApplicationForm(HoneypotForm, forms.ModelForm):
    """``/join/``, with the honeypot (``core.forms.HoneypotForm``)."""

    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.all(), empty_label=_("Choose a country")
    )
    accepts_charter = forms.BooleanField(
        label=_("Our city commits to the Nordic Safe Cities Charter and its six focus areas."),
        error_messages={"required": _("Membership requires a commitment to the Charter.")},
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "city_name",
            "country",
            "contact_name",
            "contact_role",
            "contact_email",
            "motivation",
            "accepts_charter",
        ]
        labels = {
            "city_name": _("City"),
            "contact_name": _("Contact person"),
            "contact_role": _("Role in the city administration"),
            "contact_email": _("Email"),
            "motivation": _("Why does your city want to join?"),
        }
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }


class InvitationAcceptForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            from accounts.models import User

            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=cleaned.get("name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
