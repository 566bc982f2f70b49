"""RSS 2.0 and Atom 1.0 feeds of newly published case studies, all of them or of one focus area.

English by default; ``?lang=`` asks for another of the portal's languages (another value is a
404). Only what ``knowledge.selectors.public.public_case_studies`` lets out: live, public case
studies of active member cities.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from newsletter.selectors import archive_list
from outward.selectors.channels import CaseStudyFeed, case_study_feed, content_language


class CaseStudyRssFeed(Feed):
    """Five queries (``case_study_feed``), and two more for the site root paths on a cold
    cache."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        language = content_language(request.GET.get("lang"))
        if language is None:
            raise Http404("No feed in that language.")
        # The feed's <language>, its title and its pages' URLs all follow the language asked for.
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, focus_area: str | None = None) -> CaseStudyFeed:
        feed = case_study_feed(
            language=translation.get_language(), focus_area_slug=focus_area, request=request
        )
        if feed is None:
            raise Http404("No such focus area.")
        return feed

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # The feed's own address (Atom's rel="self") with its query string: ?lang= matters.
        feed.feed["feed_url"] = request.build_absolute_uri()
        return feed

    def title(self, feed: CaseStudyFeed) -> str:
        if feed.focus_area is not None:
            return _("%(site)s: new case studies in %(focus_area)s") % {
                "site": settings.WAGTAIL_SITE_NAME,
                "focus_area": feed.focus_area.name,
            }
        return _("%(site)s: new case studies") % {"site": settings.WAGTAIL_SITE_NAME}

    def description(self, feed: CaseStudyFeed) -> str:
        return _("Prevention practices newly published by the member cities of the network.")

    def link(self, feed: CaseStudyFeed) -> str:
        return feed.library_url

    def items(self, feed: CaseStudyFeed):
        return feed.entries

    def item_title(self, entry) -> str:
        return entry.title

    def item_description(self, entry) -> str:
        return entry.summary

    def item_link(self, entry) -> str:
        return entry.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry) -> list[str]:
        return entry.categories


class CaseStudyAtomFeed(CaseStudyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, feed: CaseStudyFeed) -> str:
        return self.description(feed)


class NewsletterRssFeed(Feed):
    """The newsletter issues sent, newest first, each as it went out in the language asked for
    (``?lang=``, English by default): one query (``newsletter.selectors.archive_list``)."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        language = content_language(request.GET.get("lang"))
        if language is None:
            raise Http404("No feed in that language.")
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return archive_list(language=translation.get_language())

    def title(self, issues) -> str:
        return _("%(site)s newsletter") % {"site": settings.WAGTAIL_SITE_NAME}

    def description(self, issues) -> str:
        return _("Every issue of the newsletter the network has sent.")

    def link(self, issues) -> str:
        return reverse("newsletter:archive")

    def items(self, issues):
        return issues[:20]

    def item_title(self, issue) -> str:
        return issue.subject

    def item_description(self, issue) -> str:
        return issue.subject

    def item_link(self, issue) -> str:
        return reverse("newsletter:archive_issue", args=[issue.pk])

    def item_pubdate(self, issue):
        return datetime.datetime.combine(issue.sent_on, datetime.time(), datetime.UTC)
