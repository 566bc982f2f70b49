"""What the meetups tell ``core.news`` (the newsletter's "what is new"): the coming meetups, soonest
first, whenever they were announced."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.news import NewsItem
from core.services import absolute_url
from events.selectors import upcoming_events


def whats_new(*, since, language: str, limit: int) -> list[NewsItem]:
    with translation.override(language):
        kind = _("Meetup")
    return [
        NewsItem(
            kind,
            entry.title,
            absolute_url(entry.url),
            entry.introduction,
            timezone.localtime(entry.starts_at).date(),
        )
        for entry in upcoming_events(language=language, limit=limit)
        if not entry.members_only
    ]
