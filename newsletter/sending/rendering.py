"""An issue's email, rendered once per language: its subject, HTML and text, with markers where
each subscriber's own links go (``deliveries_send`` puts them in). The admin's preview and the
test to oneself render it the same way."""

import re
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.services import absolute_url, email_queue
from newsletter.models import Issue, Segment

# Where each subscriber's own links go in the rendered email.
PREFERENCES_MARK = "__NSC_PREFERENCES_URL__"
UNSUBSCRIBE_MARK = "__NSC_UNSUBSCRIBE_URL__"
TOKEN_MARK = "__NSC_TOKEN__"


def issue_original(issue: Issue) -> Issue:
    """The issue the sending belongs to, from any of its translations: the English one, or for
    an issue written first in another language (and not in English), the first one written."""
    if issue.locale.language_code == settings.LANGUAGE_CODE:
        return issue
    copies = list(
        Issue.objects.filter(translation_key=issue.translation_key)
        .select_related("locale")
        .order_by("pk")
    )
    english = [copy for copy in copies if copy.locale.language_code == settings.LANGUAGE_CODE]
    return (english or copies)[0]


def issue_in_language(issue: Issue, language: str) -> Issue:
    """The issue's translation into ``language``, or the English one."""
    translated = (
        Issue.objects.filter(translation_key=issue.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    )
    return translated or issue_original(issue)


def archive_url(issue: Issue, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("newsletter:archive_issue", args=[issue_original(issue).pk]))


def in_archive(issue: Issue) -> bool:
    return issue_original(issue).segment == Segment.EVERYONE


def issue_render(*, issue: Issue, language: str) -> dict[str, str]:
    """The email of ``issue`` in ``language`` (its translation, or English): subject, HTML and
    text, with markers where each subscriber's preferences and unsubscribe links go."""
    translated = issue_in_language(issue, language)
    with translation.override(language):
        context = {
            "issue": translated,
            "subject": translated.subject,
            # Only an issue to every subscriber is in the public archive.
            "web_url": archive_url(issue, language) if in_archive(issue) else "",
            "preferences_url": PREFERENCES_MARK,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        }
        body_html = _absolute_links(render_to_string("newsletter/email/issue_body.html", context))
        context["body_html"] = body_html
        body_text = html_to_text(body_html)
        return {
            "subject": translated.subject,
            # The web version takes the site's styles (and its policy allows no inline ones).
            "body": re.sub(r'\s+style="[^"]*"', "", body_html),
            "html": render_to_string("newsletter/email/issue.html", context),
            "text": render_to_string(
                "newsletter/email/issue.txt", {**context, "body_text": body_text}
            ).strip(),
            "body_text": body_text,
        }


def issue_preview_context(*, issue: Issue, request) -> dict:
    """What the admin's preview shows: the email as it would leave now, in the issue's language."""
    with translation.override(issue.preview_language()):
        body_html = _absolute_links(
            render_to_string("newsletter/email/issue_body.html", {"issue": issue})
        )
    return {
        "issue": issue,
        "subject": issue.subject,
        "body_html": body_html,
        "web_url": "#",
        "preferences_url": "#",
        "unsubscribe_url": "#",
    }


def _absolute_links(markup: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return re.sub(r'(href|src)="/(?!/)', lambda match: f'{match[1]}="{base}/', markup)


class _TextMaker(HTMLParser):
    """Plain text from the body's HTML: paragraphs apart, list items dashed, links written out."""

    BLOCKS = {"p", "h2", "h3", "ul", "ol", "div", "table", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and href != "#":
                self.parts.append(f" ({href})")
        elif tag in {"h2", "h3"}:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    maker = _TextMaker()
    maker.feed(markup)
    lines = [line.strip() for line in "".join(maker.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def issue_test_send(*, issue: Issue, user) -> None:
    """The issue as it stands, in ``user``'s language, to ``user`` alone (through the outbox),
    marked as a test; its links lead nowhere."""
    parts = issue_render(issue=issue, language=user.language)
    with translation.override(user.language):
        subject = _("[Test] %(subject)s") % {"subject": parts["subject"]}
    email_queue(
        to=user.email,
        subject=subject,
        text_body=parts["text"].replace(PREFERENCES_MARK, "#").replace(UNSUBSCRIBE_MARK, "#"),
        html_body=parts["html"].replace(PREFERENCES_MARK, "#").replace(UNSUBSCRIBE_MARK, "#"),
        language=user.language,
    )
