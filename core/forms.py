"""What the public forms share: a honeypot field that people never see and spam robots fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotForm(forms.Form):
    """A form (or a base of a ``ModelForm``) with the ``website`` honeypot: hidden from people
    (``templates/includes/honeypot.html`` renders it off screen and away from assistive
    technology), filled in by robots. A view answers a form with ``is_spam`` as if it had
    worked, and stores nothing."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
