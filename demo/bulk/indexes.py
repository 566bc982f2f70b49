"""The side work of saving pages and rows, done once for many: the search index and Wagtail's
reference index, which the saves one by one refresh after every save of every object (the
search index's PostgreSQL backend also recomputes title norms on every save)."""

from collections import defaultdict
from contextlib import contextmanager

from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.db.models.signals import post_save

from wagtail import signal_handlers as wagtail_signals
from wagtail.models import ReferenceIndex

# Rows per statement.
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
    wanted = set(keys)
    new = {
        (entry.content_type_id, entry.object_id): entry
        # Not the indexed text, which is most of a row.
        for entry in entries.filter(object_id__in={object_id for _ct, object_id in keys}).only(
            "pk", "content_type_id", "object_id"
        )
        if (entry.content_type_id, entry.object_id) in wanted
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
