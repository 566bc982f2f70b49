"""``/feeds/``: RSS and Atom feeds of newly published case studies, the newsletter's issues, and
the meetups as a calendar (no language prefix)."""

from django.urls import path

from events.views import events_feed, personal_feed
from outward.feeds import CaseStudyAtomFeed, CaseStudyRssFeed, NewsletterRssFeed

app_name = "feeds"

urlpatterns = [
    path("case-studies/rss/", CaseStudyRssFeed(), name="case_studies_rss"),
    path("case-studies/atom/", CaseStudyAtomFeed(), name="case_studies_atom"),
    path("case-studies/<slug:focus_area>/rss/", CaseStudyRssFeed(), name="focus_area_rss"),
    path("case-studies/<slug:focus_area>/atom/", CaseStudyAtomFeed(), name="focus_area_atom"),
    path("newsletter/rss/", NewsletterRssFeed(), name="newsletter_rss"),
    path("events.ics", events_feed, name="events_ics"),
    path("my-meetups/<str:token>.ics", personal_feed, name="personal_events_ics"),
]
