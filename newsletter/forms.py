from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from charter.models import FocusArea
from charter.widgets import FocusAreaCheckboxes
from core.forms import HoneypotForm
from core.models import CANONICAL_LOCALE


class PreferencesForm(forms.Form):
    """The language of the newsletter and its topics (none chosen: all of them)."""

    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    interests = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=FocusArea.objects.filter(**CANONICAL_LOCALE).order_by("position"),
        required=False,
        widget=FocusAreaCheckboxes,
        help_text=_("Choose none to get news from all six focus areas of the Charter."),
    )


class SubscribeForm(HoneypotForm, PreferencesForm):
    """``/newsletter/``: the address, the preferences, and the honeypot."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", "language", "interests"]
