"""What the newsletter tests work on: the six focus areas (the public shell has them), a
subscription request made as the form makes it, and the links of the emails it sends."""

import re

from django.core import mail

from charter.models import FocusArea
from core.models import CANONICAL_LOCALE, OutgoingEmail
from newsletter import services, wording
from newsletter.models import Subscriber

SOURCE = services.ConsentSource(
    path="/en/newsletter/", ip_address="192.0.2.10", wording=str(wording.SUBSCRIBE), language="en"
)
LINK = re.compile(r"https?://\S+/newsletter/(?:confirm|preferences|unsubscribe)/\S+/")


def areas(*slugs: str) -> list[FocusArea]:
    return list(FocusArea.objects.filter(slug__in=slugs, **CANONICAL_LOCALE))


def subscribe(
    email: str = "reader@example.org", *, language: str = "en", interests=()
) -> Subscriber:
    return services.subscriber_subscribe(
        email=email, language=language, interests=list(interests), source=SOURCE
    )


def confirmed(email: str = "reader@example.org", **options) -> Subscriber:
    subscriber = subscribe(email, **options)
    return services.subscriber_confirm(subscriber=subscriber, nonce=subscriber.nonce, source=SOURCE)


def emails_to(address: str) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to=address).order_by("pk"))


def path_of(link: str) -> str:
    """A link from an email, as a path on the test server."""
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def link_in(text: str, kind: str) -> str:
    return path_of(next(link for link in LINK.findall(text) if f"/{kind}/" in link))


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def in_language(language: str, message: str) -> str:
    """``message`` as the interface says it in ``language``."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(message)
