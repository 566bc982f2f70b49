"""The consent sentences the newsletter's pages show, each recorded word for word (in the
language shown) with the consent it asks for (``models.Consent.wording``)."""

from django.utils.translation import gettext_lazy as _

SUBSCRIBE = _(
    "Yes, send me the Nordic Safe Cities newsletter by email, in the language and on the topics"
    " I chose. I can unsubscribe at any time with the link in every email."
)
# Formatted with the subscriber's address.
CONFIRM = _("I confirm that I want the Nordic Safe Cities newsletter at %(email)s.")
PREFERENCES = _("Send me the newsletter in the language and on the topics chosen here.")
UNSUBSCRIBE = _("Stop sending the Nordic Safe Cities newsletter to %(email)s.")
# What a mail program's own "Unsubscribe" button stands for (RFC 8058): the person saw no page.
ONE_CLICK = _("Unsubscribe (the email program's one-click button)")
