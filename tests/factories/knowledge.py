"""Case studies and the library page, built through the project's own services."""

import datetime
from itertools import count

from charter.models import FocusArea
from cities.models import Membership
from core.services import home_child_get_or_create, page_create
from knowledge.models import CaseStudyPage, KnowledgeIndexPage, TargetGroup, Visibility

_numbers = count(1)


def knowledge_index() -> KnowledgeIndexPage:
    """``/knowledge/`` under the home page (the ``site_tree`` fixture builds the home)."""
    return home_child_get_or_create(KnowledgeIndexPage(title="Knowledge", slug="knowledge"))


def case_study(
    membership: Membership,
    title: str | None = None,
    *,
    focus_areas: tuple[str, ...] = ("safe-urban-space",),
    target_groups: tuple[str, ...] = ("children-young-people",),
    visibility: str = Visibility.PUBLIC,
    publish: bool = True,
    aliases: bool = True,
    **fields,
) -> CaseStudyPage:
    """A case study under the membership's city page (English tree).

    ``aliases=False`` skips the copies in the other language trees: much faster for the large
    data of query-count tests."""
    number = next(_numbers)
    page = CaseStudyPage(
        title=title or f"Practice {number}",
        summary=fields.pop("summary", f"Summary of practice {number}."),
        period_start=fields.pop("period_start", datetime.date(2024, 1, 1)),
        visibility=visibility,
        **fields,
    )
    page.focus_areas = list(
        FocusArea.objects.filter(locale__language_code="en", slug__in=focus_areas)
    )
    page.target_groups = list(TargetGroup.objects.filter(code__in=target_groups))
    parent = membership.city_page
    if aliases:
        return page_create(parent=parent, page=page, publish=publish)
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    return page
