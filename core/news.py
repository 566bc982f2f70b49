"""What is new in the network since a day, in one language: each app's ``whats_new`` module
(found through ``core.app_modules``) tells its own news (case studies and resources published,
coming meetups, Charter news), and the newsletter's "what is new" block lists them all without
importing any of those apps."""

import datetime
from dataclasses import dataclass

from core.app_modules import app_modules


@dataclass(frozen=True)
class NewsItem:
    kind: str  # what it is, for the reader ("Case study", "Meetup"...), in the language
    title: str
    url: str  # absolute: it leaves the site in emails and feeds
    summary: str = ""
    when: datetime.date | None = None


def news_since(*, since: datetime.datetime, language: str, limit: int = 5) -> list[NewsItem]:
    """At most ``limit`` items of each app, in INSTALLED_APPS order."""
    return [
        item
        for module in app_modules("whats_new")
        for item in module.whats_new(since=since, language=language, limit=limit)
    ]
