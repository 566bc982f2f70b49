"""The synthetic network's bulk path (``demo.bulk``) leaves the rows the services leave.

A small synthetic network is seeded through the services, photographed and rolled back, then
seeded through the bulk path and photographed again. The photographs name every row by what it
belongs to (a page by its language and URL path, a revision and a log entry by their page), so only
ids, timestamps and random keys, which necessarily differ, are left out (a time is only said to be
there or not). Beside them, every table's row count: a table one path writes and the other does
not fails the test even where no part of the photograph names its rows.

The services keep the library's rows as they go; the bulk path leaves them to the rebuild that
ends ``seed_demo``. Both are photographed after it."""

import json
from io import StringIO

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction

from wagtail.blocks import StreamValue
from wagtail.models import GroupPagePermission, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from accounts.models import User
from cities.models import CityPage, Country, Membership, MembershipChange
from demo import synthetic
from demo.accounts import SECRETARIAT_EMAIL
from knowledge.models import CaseStudyPage, LibraryEntry
from knowledge.services import library_rebuild

CITIES = 5  # three synthetic ones beside the demo's two
CASE_STUDIES = 12
TIMES = {
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "created_at",
    "timestamp",
    "changed_at",
}


# Columns that hold no id (the others, whether named ``<field>_id`` or, in a revision's content,
# ``<field>``, are named after what they point to where the two seedings give it different ids).
SCALARS = TIMES | {"translation_key", "uuid", "id", "comments"}


class RolledBack(Exception):
    pass


def _seed_synthetic(*, bulk: bool) -> None:
    countries = {country.code: country for country in Country.objects.all()}
    secretariat = User.objects.get(email=SECRETARIAT_EMAIL)
    synthetic.member_cities(countries, secretariat, count=CITIES, bulk=bulk)
    synthetic.case_studies(count=CASE_STUDIES, bulk=bulk)
    library_rebuild()


class Names:
    """What each id stands for, the same in both seedings."""

    def __init__(self):
        pages = Page.objects.values_list("pk", "locale__language_code", "url_path", "path")
        self.pages = {pk: f"{language}:{url_path}" for pk, language, url_path, _ in pages}
        self.pages_by_text = {str(pk): name for pk, name in self.pages.items()}
        first = dict(Page.objects.order_by("path").values_list("translation_key", "pk").reverse())
        self.translation_keys = {str(key): self.pages[pk] for key, pk in first.items()}
        self.revisions = {
            pk: f"revision of {self.pages_by_text[object_id]}"
            for pk, object_id in Revision.page_revisions.values_list("pk", "object_id")
        }
        self.memberships = {
            pk: self.pages[page_pk]
            for pk, page_pk in Membership.objects.values_list("pk", "city_page")
        }
        self.groups = {
            pk: self._membership_named(name) for pk, name in Group.objects.values_list("pk", "name")
        }

    def _membership_named(self, name: str) -> str:
        """A coordinators' group's name with the id of its membership named by its city."""
        prefix, _, membership = name.partition(" (")
        membership_id = int(membership.rstrip(")")) if membership.rstrip(")").isdigit() else None
        if membership_id not in self.memberships:
            return name
        return f"{prefix} (membership of {self.memberships[membership_id]})"

    def row(self, row: dict, drop=()) -> dict:
        named = {}
        for column, value in row.items():
            if column in drop or column == "id":
                continue
            if column in TIMES | {"uuid"}:
                # The time differs from one seeding to the other; whether there is one does not.
                named[column] = "set" if value else value
                continue
            value = _without_block_ids(value)
            if column == "data" and isinstance(value, dict):
                # A log entry names pages by id: {"page": {"id": …, "title": …}, …}.
                value = {
                    key: {**item, "id": self.pages.get(item.get("id"), item.get("id"))}
                    if isinstance(item, dict)
                    else item
                    for key, item in value.items()
                }
            if column in {
                "page_ptr_id",
                "page_id",
                "alias_of_id",
                "city_page_id",
                "casestudypage_id",
            }:
                value = self.pages.get(value, value)
            elif column in {"latest_revision_id", "live_revision_id", "revision_id"}:
                value = self.revisions.get(value, value)
            elif column == "translation_key":
                value = self.translation_keys[str(value)]
            elif column == "membership_id":
                value = self.memberships.get(value, value)
            elif column in {"group_id", "coordinator_group_id"}:
                value = self.groups.get(value, value)
            named[column] = value
        return named

    def content(self, content: dict) -> dict:
        named = self.row(
            {
                key if key.endswith("_id") or key in SCALARS else f"{key}_id": value
                for key, value in content.items()
                if key != "pk"
            },
            drop={"comments"},
        )
        named["translation_key"] = self.translation_keys.get(content.get("translation_key"))
        return named


def _without_block_ids(value):
    """A StreamField's blocks without their random ids (stored as JSON text in a revision)."""
    if isinstance(value, StreamValue):
        return [(child.block_type, child.block.get_prep_value(child.value)) for child in value]
    if isinstance(value, str) and value.startswith('[{"type"'):
        return [(child["type"], child["value"]) for child in json.loads(value)]
    return value


def _sorted(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=repr)


def _row_counts() -> dict:
    """How many rows every table of the database holds: a table one path writes to and the other
    does not (a group, a translation source, a task's result) shows here, named or not below."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor)) - _fts5_storage(cursor)
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _fts5_storage(cursor) -> set[str]:
    """SQLite's full-text tables keep their words in tables of their own, in as many segments as
    they were written in pieces: those count how the index was written, not what it holds (the
    full-text table itself, counted, holds that)."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
    return {
        f"{name}_{part}"
        for (name,) in cursor.fetchall()
        for part in ("data", "idx", "content", "docsize", "config")
    }


def _photograph() -> dict:
    names = Names()
    by_text = names.pages_by_text
    return {
        "pages": _sorted(names.row(row) for row in Page.objects.values()),
        "city pages": _sorted(names.row(row) for row in CityPage.objects.values()),
        "case studies": _sorted(names.row(row) for row in CaseStudyPage.objects.values()),
        "tags": {
            field: _sorted(
                names.row(row) for row in getattr(CaseStudyPage, field).through.objects.values()
            )
            for field in ("focus_areas", "target_groups", "partners", "adopted_by")
        },
        "revisions": _sorted(
            {
                **names.row(row, drop={"content", "object_id"}),
                "page": by_text[row["object_id"]],
                "content": names.content(row["content"]),
            }
            for row in Revision.page_revisions.values()
        ),
        "log entries": _sorted(names.row(row) for row in PageLogEntry.objects.values()),
        "search index": _sorted(
            {
                **names.row(row, drop={"object_id"}),
                "object": by_text.get(row["object_id"], row["object_id"]),
                "title_norm": round(row["title_norm"], 6),
            }
            for row in IndexEntry.objects.values()
        ),
        "reference index": _sorted(
            {
                **names.row(row, drop={"object_id", "content_path_hash"}),
                "object": by_text.get(row["object_id"], row["object_id"]),
                "to_object": by_text.get(row["to_object_id"], row["to_object_id"])
                if row["to_content_type_id"] == row["base_content_type_id"]
                else row["to_object_id"],
            }
            for row in ReferenceIndex.objects.values()
        ),
        "memberships": _sorted(names.row(row) for row in Membership.objects.values()),
        "membership history": _sorted(names.row(row) for row in MembershipChange.objects.values()),
        "page permissions": _sorted(names.row(row) for row in GroupPagePermission.objects.values()),
        "groups": _sorted(names.groups.values()),
        "library": _sorted(names.row(row) for row in LibraryEntry.objects.values()),
        # Last: a part above names the rows that differ, where one does.
        "rows per table": _row_counts(),
    }


def _difference(part: str, expected, found) -> str:
    if isinstance(expected, dict):
        return f"{part}: " + ", ".join(k for k in expected if expected[k] != found.get(k))
    missing = [row for row in expected if row not in found]
    extra = [row for row in found if row not in expected]
    return f"{part}: the services' rows {missing[:2]} but the bulk path's {extra[:2]}"


@pytest.mark.django_db
def test_the_bulk_path_leaves_the_rows_the_services_leave(two_cities_of_demo_data, monkeypatch):
    monkeypatch.setattr(synthetic, "PROGRESS_EVERY", 5)  # case studies written in three batches
    monkeypatch.setattr(synthetic, "CITIES_PER_BATCH", 2)  # cities in two
    call_command("seed_demo", stdout=StringIO())
    try:
        with transaction.atomic():
            _seed_synthetic(bulk=False)
            through_services = _photograph()
            raise RolledBack
    except RolledBack:
        pass

    _seed_synthetic(bulk=True)
    in_bulk = _photograph()
    _seed_synthetic(bulk=True)

    assert CaseStudyPage.objects.filter(slug__startswith="synthetic-").count() == CASE_STUDIES
    for part, rows in through_services.items():
        assert in_bulk[part] == rows, _difference(part, rows, in_bulk[part])
    assert _photograph() == in_bulk


@pytest.mark.django_db
def test_the_bulk_path_refuses_a_tree_that_follows_a_follower_before_writing_anything(
    site_tree,
):
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    from core.models import StandardPage
    from demo.bulk import pages_create

    swedish = Locale.objects.get(language_code="sv")
    follower = Locale.objects.create(language_code="de")
    LocaleSynchronization.objects.create(locale=follower, sync_from=swedish)
    before = Page.objects.count()

    with pytest.raises(ValueError, match="bulk=False"):
        pages_create([(site_tree, StandardPage(title="Nowhere", slug="nowhere"))])

    assert Page.objects.count() == before
