"""What the knowledge app adds to a meetup's page (``EventPage.get_context`` gathers every app's
``event_page`` module through ``core.app_modules``): once the meetup is over, the case studies
and resources that came out of it."""

from django.utils import timezone
from django.utils.translation import get_language

from knowledge.selectors.listings import event_outcomes


def event_page_context(*, page, request) -> dict:
    if page.ends_at > timezone.now():
        return {}
    return {"outcomes": event_outcomes(event=page, user=request.user, language=get_language())}
