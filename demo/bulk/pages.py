"""Pages added and published in a few statements, as the services add them one by one.

``published_pages_add`` is ``case_study_create(..., aliases=False)`` for many pages: added as a
draft, a revision, published. ``pages_create`` is ``core.services.page_create`` for many: added
live, a revision logged as an edit, published, and an alias in every language tree that follows
the pages' (wagtail-localize's ``create_aliases_for_new_page``), as
``copy_for_translation(alias=True)`` makes it (Wagtail's ``CreatePageAliasAction``)."""

from collections import defaultdict
from contextlib import contextmanager

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone

from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.models.copying import _copy

from core.content_cache import content_changed
from demo.bulk.indexes import BATCH, references_rebuild, search_add

# What an alias does not take from its page (``CreatePageAliasAction._create_alias``): its place
# in the tree, and the revisions, which an alias has none of.
ALIAS_EXCLUDED_FIELDS = [
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "index_entries",
    "postgres_index_entries",
    "latest_revision",
]


def published_pages_add(children: list[tuple[Page, Page]]) -> list[Page]:
    """Add the unsaved specific pages of ``children`` (``(parent, page)`` pairs, in the order the
    services would add them) and publish them, as ``parent.add_child(instance=page)`` of a draft,
    ``page.save_revision()`` and ``revision.publish()`` do for a page without aliases, with no
    user: the tree's paths and counts, the page rows and their tags, one revision each (its content
    as ``save_revision`` stores it, before publishing), the log entries (created, published), the
    search index, the reference index, and one move of the cached content's version."""
    if not children:
        return []
    pages = _published(children, added_live=False, actions=("wagtail.create", "wagtail.publish"))
    search_add(pages)
    references_rebuild(pages)
    content_changed()
    return pages


def pages_create(children: list[tuple[Page, Page]]) -> list[Page]:
    """Add the unsaved specific pages of ``children`` (``(parent, page)`` pairs, in the order the
    services would add them) with their aliases, as ``core.services.page_create(parent=parent,
    page=page)`` does for each in turn, with no user: the rows of ``published_pages_add`` for a
    page added live, the log entry of its revision (an edit), and under the parent's translation
    in every language tree that follows the parent's, an alias: the page's row as it was before
    it was published (never published itself, no revision), with its log entries (created, alias
    created), search index entry and reference index rows. Returns the pages, not the aliases."""
    if not children:
        return []
    # What the aliases need is checked before anything is written.
    followers = {
        locale_id: _followers(locale_id) for locale_id in {p.locale_id for p, _page in children}
    }
    translations = _translations([parent for parent, _page in children])
    for parent, _page in children:
        for locale in followers[parent.locale_id]:
            if locale.pk not in translations[parent.pk]:
                # The services would copy the missing parents too.
                raise ValueError(f"{parent} has no translation in {locale}")
    pages = _published(
        children, added_live=True, actions=("wagtail.create", "wagtail.edit", "wagtail.publish")
    )
    aliases = _aliases_add(children, followers, translations)
    # Indexed in the services' order: each page, then its aliases.
    indexed = [obj for page in pages for obj in (page, *aliases[page.pk])]
    search_add(indexed)
    references_rebuild(indexed)
    content_changed()
    return pages


def _published(children, *, added_live: bool, actions: tuple[str, ...]) -> list[Page]:
    """The pages of ``children`` added (live or as drafts), each with a revision of itself as
    added, published, and a log entry for each of ``actions`` (all but the creation's name the
    revision)."""
    model = type(children[0][1])
    now = timezone.now()
    _place(children)
    pages = [page for _parent, page in children]
    for page in pages:
        page._set_core_field_defaults()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
    tags = _tags(model, pages)
    for page in pages:
        # A new page has no child rows: its revision's content needs no query to say so.
        for relation in get_all_child_relations(page):
            setattr(page, relation.get_accessor_name(), [])
    _insert(model, pages)
    _tags_insert(model, pages, tags)
    content_type = ContentType.objects.get_for_model(model)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id=str(page.pk),
                content=_added_content(page, live=added_live),
                object_str=str(page),
                created_at=now,
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
    # One statement (``bulk_update`` would build a CASE with a branch per page and field: twenty
    # times slower for 500 pages).
    own_revision = Subquery(
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        ).values("pk")[:1]
    )
    for start in range(0, len(pages), BATCH):
        Page.objects.filter(pk__in=[page.pk for page in pages[start : start + BATCH]]).update(
            latest_revision=own_revision, live_revision=own_revision, latest_revision_created_at=now
        )
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=content_type,
                page=page,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data={},
                revision=None if action == "wagtail.create" else revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
            for action in actions
        ],
        batch_size=BATCH,
    )
    return pages


@contextmanager
def _temporarily(page, **fields):
    """Within the block, ``page`` has the values of ``fields``; its own afterwards."""
    own = {name: getattr(page, name) for name in fields}
    for name, value in fields.items():
        setattr(page, name, value)
    try:
        yield page
    finally:
        for name, value in own.items():
            setattr(page, name, value)


def _added_content(page, *, live: bool) -> dict:
    """The revision's content as ``save_revision`` stores it: the page as added, not yet
    published (a draft, or live with no publication yet: ``page_create`` of a page it publishes)."""
    with _temporarily(
        page,
        live=live,
        has_unpublished_changes=not live,
        first_published_at=None,
        last_published_at=None,
        live_revision=None,
        latest_revision=None,
        latest_revision_created_at=None,
    ):
        return page.serializable_data()


def _aliases_add(children, followers: dict, translations: dict) -> dict[int, list[Page]]:
    """The aliases of the published pages of ``children``, by page id: for each page in turn, one
    in each language tree that follows its parent's (``followers``, by locale id), under the
    parent's translation there (``translations``), in the order of
    ``create_aliases_for_new_page`` (the languages' codes)."""
    model = type(children[0][1])
    now = timezone.now()
    taken = {
        translation.pk: set(Page.objects.child_of(translation).values_list("slug", flat=True))
        for by_locale in translations.values()
        for translation in by_locale.values()
    }
    alias_children, sources = [], []
    for parent, page in children:
        for locale in followers[page.locale_id]:
            translated_parent = translations[parent.pk][locale.pk]
            slug = _available_slug(taken[translated_parent.pk], page.slug)
            taken[translated_parent.pk].add(slug)
            # The page as ``page_create`` holds it when it makes the aliases: its revision saved,
            # the publication done on another copy of it.
            with _temporarily(
                page,
                has_unpublished_changes=True,
                first_published_at=None,
                last_published_at=None,
                live_revision=None,
            ):
                alias, _child_objects = _copy(
                    page,
                    exclude_fields=ALIAS_EXCLUDED_FIELDS,
                    update_attrs={
                        "alias_of": page,
                        "draft_title": page.title,
                        "has_unpublished_changes": not page.live,
                        "slug": slug,
                        "locale": locale,
                    },
                )
            alias_children.append((translated_parent, alias))
            sources.append(parent)
    aliases = [alias for _parent, alias in alias_children]
    _place(alias_children)
    tags = _tags(model, aliases)
    _insert(model, aliases)
    _tags_insert(model, aliases, tags)
    content_type = ContentType.objects.get_for_model(model)
    PageLogEntry.objects.bulk_create(
        [
            entry
            for (parent, alias), source_parent in zip(alias_children, sources, strict=True)
            for entry in (
                PageLogEntry(
                    content_type=content_type,
                    page=alias,
                    label=alias.get_admin_display_title(),
                    action="wagtail.create",
                    timestamp=now,
                    data={},
                    content_changed=True,
                ),
                PageLogEntry(
                    content_type=content_type,
                    page=alias,
                    label=alias.get_admin_display_title(),
                    action="wagtail.create_alias",
                    timestamp=now,
                    data={
                        "page": {"id": alias.pk, "title": alias.get_admin_display_title()},
                        "source": _named(source_parent),
                        "destination": _named(parent),
                    },
                ),
            )
        ],
        batch_size=BATCH,
    )
    by_page = defaultdict(list)
    for alias in aliases:
        by_page[alias.alias_of_id].append(alias)
    return by_page


def _named(page) -> dict:
    return {"id": page.pk, "title": page.get_admin_display_title()}


def _followers(locale_id: int) -> list[Locale]:
    """The locales whose trees follow ``locale_id``'s, as ``create_aliases_for_new_page`` finds
    them, in its order. A tree that follows one of those would get aliases of the aliases, which
    this does not make."""
    from wagtail_localize.models import LocaleSynchronization

    locales = list(
        Locale.objects.filter(
            id__in=LocaleSynchronization.objects.filter(sync_from_id=locale_id).values_list(
                "locale_id", flat=True
            )
        )
    )
    if LocaleSynchronization.objects.filter(sync_from__in=locales).exists():
        raise ValueError(
            "A language tree follows a tree that follows another: the bulk path makes no aliases"
            " of aliases; seed this network through the services (bulk=False)."
        )
    return locales


def _translations(pages) -> dict[int, dict[int, Page]]:
    """The translations of ``pages`` in the other language trees, by page and locale."""
    keys = {page.translation_key: page.pk for page in pages}
    translations = {page.pk: {} for page in pages}
    for translation in Page.objects.filter(translation_key__in=keys):
        translations[keys[translation.translation_key]][translation.locale_id] = translation
    return translations


def _available_slug(taken: set, slug: str) -> str:
    """The slug, or with a number after it if a sibling has it (``find_available_slug``)."""
    requested, number = slug, 1
    while slug in taken:
        slug, number = f"{requested}-{number}", number + 1
    return slug


def _place(children) -> None:
    """Paths, depths and URL paths as treebeard's ``add_child`` gives them, each page after its
    parent's last child, and the parents' child counts."""
    parents = {parent.pk: parent for parent, _page in children}
    # From the table: a parent's numchild in memory may be older than the tree.
    last_paths = dict(
        Page.objects.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(parent_path__in=[parent.path for parent in parents.values()])
        .values("parent_path")
        .annotate(last=Max("path"))
        .values_list("parent_path", "last")
    )
    steps = {
        pk: Page._str2int(last_paths[parent.path][-Page.steplen :])
        if parent.path in last_paths
        else 0
        for pk, parent in parents.items()
    }
    added = defaultdict(int)
    for parent, page in children:
        steps[parent.pk] += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, steps[parent.pk])
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.set_url_path(parent)
        added[parent.pk] += 1
    by_count = defaultdict(list)
    for pk, count in added.items():
        by_count[count].append(pk)
    for count, pks in by_count.items():
        Page.objects.filter(pk__in=pks).update(numchild=F("numchild") + count)


def _insert(model, pages) -> None:
    """The rows of multi-table ``pages``: each table's own columns, parents first."""
    for table_model in [*reversed(model._meta.get_parent_list()), model]:
        fields = [
            field
            for field in table_model._meta.local_concrete_fields
            if not (table_model is Page and field.primary_key)
        ]
        returning = [Page._meta.pk] if table_model is Page else None
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            rows = table_model._base_manager._insert(
                batch, fields=fields, returning_fields=returning, using="default"
            )
            if returning:
                for page, (pk,) in zip(batch, rows, strict=True):
                    page.pk = page.id = pk
                    page._state.adding = False
            for page in batch:
                page._state.db = "default"


def _tags(model, pages) -> dict:
    """The new pages' parental many-to-many values (focus areas, target groups...), held in
    memory, where those a page was not given are set to none: once the page has a primary key,
    each would otherwise be a query (as the revision's content is made)."""
    tags = defaultdict(list)
    for field in model._meta.local_many_to_many:
        if isinstance(field, ParentalManyToManyField):
            for page in pages:
                items = list(getattr(page, field.name).all())
                setattr(page, field.name, items)
                tags[field].append(items)
    return tags


def _tags_insert(model, pages, tags: dict) -> None:
    """The rows of the pages' parental many-to-many fields."""
    for field, values in tags.items():
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": page.pk, f"{target}_id": item.pk})
                for page, items in zip(pages, values, strict=True)
                for item in items
            ],
            batch_size=BATCH,
        )
