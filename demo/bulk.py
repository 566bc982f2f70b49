"""Bulk writes for the synthetic network of ``seed_demo --scale N`` (``demo.synthetic``), which
leave the rows the services would leave, at a fraction of the cost.

Most of what a service pays per page is side work: the search index (whose PostgreSQL backend
also recomputes the title norms of the whole index on every save) and Wagtail's reference index,
each refreshed after every save of every page. ``side_work_deferred()`` turns both off while the
services run and does them once, in bulk, at the end. ``published_pages_add()`` goes further, for
pages with no aliases (the synthetic case studies): it writes the pages, their tags, revision and
log entries in a few statements, as ``add_child``, ``save_revision`` and ``publish`` would.

The believable demo (``demo/data/``) goes through the services; only its translations
(``demo.translations``) defer their indexing with ``side_work_deferred()``.
``tests/demo/test_synthetic.py`` seeds a small network both ways and compares the rows.
"""

from collections import defaultdict
from contextlib import contextmanager

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import Length
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail import signal_handlers as wagtail_signals
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from core.content_cache import content_changed

BATCH = 500


@contextmanager
def side_work_deferred():
    """Within the block, saves leave the search index and the reference index alone; the objects
    they would have indexed are indexed once, in bulk, when the block ends."""
    saved = {"search": {}, "references": {}}
    swaps = [
        (
            search_signals.post_save_signal_handler,
            [
                m
                for m in search_index.get_indexed_models()
                if getattr(m, "search_auto_update", True)
            ],
            saved["search"],
        ),
        (
            wagtail_signals.update_reference_index_on_save,
            list(ReferenceIndex.tracked_models),
            saved["references"],
        ),
    ]
    receivers = []
    for handler, models, store in swaps:

        def remember(sender, instance, raw=False, store=store, **kwargs):
            if not raw:
                store.setdefault((type(instance), instance.pk), None)

        receivers.append(remember)
        for model in models:
            post_save.disconnect(handler, sender=model)
            post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for (handler, models, _store), remember in zip(swaps, receivers, strict=True):
            for model in models:
                post_save.disconnect(remember, sender=model)
                post_save.connect(handler, sender=model)
    search_add(_instances(saved["search"]))
    references_rebuild(_instances(saved["references"]))


def _instances(saved: dict) -> list:
    """The saved objects, in the order of their first save."""
    pks_by_model = defaultdict(list)
    for model, pk in saved:
        pks_by_model[model].append(pk)
    found = {
        (model, instance.pk): instance
        for model, pks in pks_by_model.items()
        for instance in model._default_manager.filter(pk__in=pks)
    }
    return [found[key] for key in saved if key in found]


def search_add(objects) -> None:
    """Index ``objects`` as their saves, in this order, would have
    (``modelsearch.index.insert_or_update_object``): one bulk write per model and search backend,
    then the title norms each entry got when it was added (``_title_norms_as_added``)."""
    objects = list(objects)
    by_model = defaultdict(list)
    for obj in objects:
        indexed = search_index.get_indexed_instance(obj, check_exists=False)
        if indexed is not None:
            by_model[type(indexed)].append(indexed)
    for model, instances in by_model.items():
        indexable = set(
            model.get_indexed_objects()
            .filter(pk__in=[instance.pk for instance in instances])
            .values_list("pk", flat=True)
        )
        by_model[model] = [instance for instance in instances if instance.pk in indexable]
    for _name, backend in search_index.get_search_backends_with_name(with_auto_update=True):
        for model, instances in by_model.items():
            for start in range(0, len(instances), BATCH):
                backend.add_bulk(model, instances[start : start + BATCH])
    _title_norms_as_added(objects)


def _title_norms_as_added(objects) -> None:
    """The database backends give a new entry the norm ``average title length / its title's
    length`` once, as it is added (``_refresh_title_norms``), with the average of the index at
    that moment. Indexed in bulk, the entries would all get the final average: here each gets the
    average it would have got, added one after the other in the order of ``objects``."""
    from wagtail.search.models import IndexEntry

    keys = [
        (ContentType.objects.get_for_model(type(obj)).pk, str(obj.pk))
        for obj in (search_index.get_indexed_instance(o, check_exists=False) for o in objects)
    ]
    entries = IndexEntry._default_manager.annotate(title_length=Length("title"))
    new = {
        (entry.content_type_id, entry.object_id): entry
        for entry in entries.filter(object_id__in={object_id for _ct, object_id in keys})
        if (entry.content_type_id, entry.object_id) in set(keys)
    }
    before = (
        entries.filter(title_length__gt=0)
        .exclude(pk__in=[entry.pk for entry in new.values()])
        .aggregate(total=Sum("title_length"), count=Count("pk"))
    )
    total, count = before["total"] or 0, before["count"]
    changed = []
    for key in dict.fromkeys(keys):
        entry = new.get(key)
        if entry is None or not entry.title_length:
            continue
        total, count = total + entry.title_length, count + 1
        entry.title_norm = (total / count) / entry.title_length
        changed.append(entry)
    IndexEntry._default_manager.bulk_update(changed, ["title_norm"], batch_size=BATCH)


def references_rebuild(objects) -> None:
    """The reference-index rows of ``objects`` (``ReferenceIndex.create_or_update_for_object``,
    reached from a child row through its parental key as Wagtail's task does), in one delete and
    bulk inserts."""
    owners = {}
    for obj in objects:
        while True:
            parental = [f for f in obj._meta.get_fields() if isinstance(f, ParentalKey)]
            if not parental:
                break
            obj = getattr(obj, parental[0].name)
            if obj is None:
                break
        if obj is not None and ReferenceIndex.is_indexed(obj._meta.model):
            owners[(obj._meta.concrete_model, obj.pk)] = obj
    rows = []
    for obj in owners.values():
        content_types = [
            ContentType.objects.get_for_model(model_or_object, for_concrete_model=False)
            for model_or_object in [obj, *obj._meta.get_parent_list()]
        ]
        rows.extend(
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=obj.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(obj)
            )
        )
    by_base = defaultdict(set)
    for model, pk in owners:
        base = ContentType.objects.get_for_model(
            [model, *model._meta.get_parent_list()][-1], for_concrete_model=False
        )
        by_base[base.pk].add(pk)
    for base_content_type_id, object_ids in by_base.items():
        ReferenceIndex.objects.filter(
            base_content_type_id=base_content_type_id, object_id__in=object_ids
        ).delete()
    ReferenceIndex.objects.bulk_create(
        rows, batch_size=BATCH, ignore_conflicts=connection.features.supports_ignore_conflicts
    )


def published_pages_add(children: list[tuple[Page, Page]]) -> list[Page]:
    """Add the unsaved specific pages of ``children`` (``(parent, page)`` pairs, in the order the
    services would add them) and publish them, as ``parent.add_child(instance=page)``,
    ``page.save_revision()`` and ``revision.publish()`` do for a page without aliases, with no
    user: the tree's paths and counts, the page rows and their tags, one revision each (its content
    as ``save_revision`` stores it, before publishing), the log entries (created, published), the
    search index, the reference index, and one move of the cached content's version."""
    if not children:
        return []
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
                content=_draft_content(page),
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
    Page.objects.bulk_update(
        pages, ["latest_revision", "live_revision", "latest_revision_created_at"], batch_size=BATCH
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
                revision=revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
            for action, revision in (("wagtail.create", None), ("wagtail.publish", revision))
        ],
        batch_size=BATCH,
    )
    search_add(pages)
    references_rebuild(pages)
    content_changed()
    return pages


def _draft_content(page) -> dict:
    """The revision's content as ``save_revision`` stores it: the page as added, not yet live."""
    live = (page.live, page.has_unpublished_changes, page.first_published_at)
    page.live, page.has_unpublished_changes = False, True
    page.first_published_at = page.last_published_at = None
    try:
        return page.serializable_data()
    finally:
        page.live, page.has_unpublished_changes, page.first_published_at = live
        page.last_published_at = page.first_published_at


def _place(children) -> None:
    """Paths, depths and URL paths as treebeard's ``add_child`` gives them, and the parents'
    child counts."""
    last_paths, added = {}, defaultdict(int)
    for parent, page in children:
        if parent.pk not in last_paths:
            # From the table: the parent's numchild in memory may be older than the tree.
            last_paths[parent.pk] = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
        last_path = last_paths[parent.pk]
        page.depth = parent.depth + 1
        page.path = (
            Page(path=last_path)._inc_path()
            if last_path
            else Page._get_path(parent.path, page.depth, 1)
        )
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.set_url_path(parent)
        last_paths[parent.pk] = page.path
        added[parent.pk] += 1
    for parent_pk, count in added.items():
        Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)


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
    """The pages' parental many-to-many values (focus areas, target groups...), held in memory."""
    return {
        field: [list(getattr(page, field.name).all()) for page in pages]
        for field in model._meta.local_many_to_many
        if isinstance(field, ParentalManyToManyField)
    }


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
