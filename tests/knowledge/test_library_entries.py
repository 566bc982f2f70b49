"""The library's rows (``LibraryEntry``) are what the page tree says, after any sequence of the
changes editors and the secretariat make: publishing, editing, making members-only,
unpublishing, moving, translating and deleting case studies, unpublishing a city and ending or
renewing its membership. The library page and its counts read them."""

import random
import re
import xml.etree.ElementTree as ET

import pytest

from wagtail.models import Page

from cities.models import Membership, MembershipStatus
from cities.services import membership_change_status
from knowledge.models import CaseStudyPage, LibraryEntry, Visibility
from knowledge.models.library_entry import joined
from knowledge.services import case_study_translate, library_rebuild
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study, knowledge_index

AREAS = ("safe-urban-space", "strong-families", "safe-online-sphere")
# A card's title as the library renders it (every title the editor makes is plain text).
CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>')


def _listed(city) -> bool:
    return (
        city.live
        and Membership.objects.active()
        .filter(city_page__translation_key=city.translation_key)
        .exists()
    )


def _tree_says() -> set[tuple]:
    """Every live case study of every language tree, as its library row should hold it."""
    return {
        (
            page.pk,
            page.locale_id,
            page.get_parent().pk,
            _listed(page.get_parent()),
            page.path,
            page.title,
            page.summary,
            page.status,
            page.period_start,
            page.visibility,
            joined(area.translation_key.hex for area in page.focus_areas.all()),
            joined(group.code for group in page.target_groups.all()),
        )
        for page in CaseStudyPage.objects.live()
    }


def _rows_say() -> set[tuple]:
    return set(
        LibraryEntry.objects.values_list(
            "page_id",
            "locale_id",
            "city_page_id",
            "listed",
            "path",
            "title",
            "summary",
            "status",
            "period_start",
            "visibility",
            "focus_keys",
            "target_groups",
        )
    )


class Editor:
    """Makes one random change to the case studies of two cities, as an editor would."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.cities = [member_city("Oslo"), member_city("Malmö")]
        self.made = 0

    def english(self) -> list[CaseStudyPage]:
        return list(CaseStudyPage.objects.filter(locale__language_code="en").order_by("pk"))

    def change(self) -> str:
        pages = self.english()
        actions = ["publish a new one"]
        if pages:
            actions += ["edit", "make members-only", "unpublish", "move", "translate", "delete"]
            actions += ["unpublish or publish a city", "end or renew a membership"]
        action = self.rng.choice(actions)
        page = self.rng.choice(pages) if pages else None
        membership = self.rng.choice(self.cities)
        membership.refresh_from_db()
        if action == "publish a new one":
            self.made += 1
            case_study(
                self.rng.choice(self.cities),
                f"Practice {self.made}",
                focus_areas=self.rng.sample(AREAS, k=self.rng.randint(1, 3)),
                target_groups=self.rng.sample(["families", "schools"], k=self.rng.randint(0, 2)),
            )
        elif action in ("edit", "make members-only"):
            page.title = f"{page.title} (edited)"
            if action == "make members-only":
                page.visibility = Visibility.MEMBERS
            page.save_revision().publish()
        elif action == "unpublish":
            if page.live:
                page.unpublish()
            else:
                page.get_latest_revision().publish()
        elif action == "move":
            others = [m.city_page for m in self.cities if m.city_page.pk != page.get_parent().pk]
            page.move(Page.objects.get(pk=others[0].pk), pos="last-child")
        elif action == "translate":
            if page.live:
                case_study_translate(
                    case_study=page, language=self.rng.choice(["sv", "fi"]), title="Översatt"
                )
        elif action == "unpublish or publish a city":
            city = membership.city_page.specific
            if city.live:
                city.unpublish()
            else:
                city.get_latest_revision().publish()
        elif action == "end or renew a membership":
            active = membership.status == MembershipStatus.ACTIVE
            membership_change_status(
                membership=membership,
                status=MembershipStatus.SUSPENDED if active else MembershipStatus.ACTIVE,
                by=None,
                reason="Test.",
            )
        else:
            page.delete()
        return action


@pytest.mark.parametrize("seed", [1, 2])
def test_after_every_change_the_library_rows_are_what_the_page_tree_says(client, site_tree, seed):
    knowledge_index()
    editor = Editor(seed)
    for step in range(16):
        action = editor.change()
        assert _rows_say() == _tree_says(), f"after step {step}: {action}"

        # The library anonymous visitors see: the public, live case studies in English of the
        # live pages of active members.
        library = client.get("/en/knowledge/").context["library"]
        public = {
            page.title
            for page in CaseStudyPage.objects.live().filter(
                locale__language_code="en", visibility=Visibility.PUBLIC
            )
            if _listed(page.get_parent())
        }
        assert library.total == len(public), f"after step {step}: {action}"
        assert {card.title for card in library.results} == public
        # What the visitor is shown, rendered once per content version (a rendering from before
        # the change would still show the change's page, or miss it), its search and the feed.
        for url in ("/en/knowledge/", "/en/knowledge/?q=practice"):
            html = client.get(url).content.decode()
            assert set(CARD_TITLE.findall(html)) == public, f"{url} after step {step}: {action}"
            assert f">{len(public)} case stud" in html
        feed = ET.fromstring(client.get("/feeds/case-studies/rss/").content)
        assert {item.findtext("title") for item in feed.iter("item")} == public


def test_a_rebuild_makes_the_rows_the_receivers_keep(site_tree):
    knowledge_index()
    oslo = member_city("Oslo")
    case_study(oslo, "Night walkers", focus_areas=AREAS[:2], target_groups=["families"])
    hidden = case_study(oslo, "Harbour talks")
    hidden.unpublish()
    kept = _rows_say()
    assert kept == _tree_says()
    assert len(kept) == 6  # Night walkers in each of the six language trees

    LibraryEntry.objects.all().delete()
    assert library_rebuild() == 6

    assert _rows_say() == kept
