from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateTimeInput

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


class IssueSendForm(forms.Form):
    """The secretariat's choice on an issue's send page: now, or at a later local time."""

    NOW, LATER = "now", "later"

    when = forms.ChoiceField(
        label=_("When"),
        choices=[(NOW, _("Now")), (LATER, _("Later, at the date and time below"))],
        initial=NOW,
        widget=forms.RadioSelect,
    )
    send_at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        widget=AdminDateTimeInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["send_at"].help_text = _("Your local time (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean(self):
        cleaned = super().clean()
        wanted_later = cleaned.get("when") == self.LATER
        if wanted_later and not cleaned.get("send_at") and "send_at" not in self.errors:
            self.add_error("send_at", _("Choose the date and time to send it."))
        return cleaned
