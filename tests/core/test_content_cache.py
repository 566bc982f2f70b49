"""The content version (``core.content_cache``): a change moves it on at once and again when its
transaction commits, so that nothing rendered from the rows as they were before the commit is
served under the new version."""

import pytest

from django.core.cache import cache
from django.db import transaction

from core.content_cache import content_cached, content_changed, content_key, content_version

pytestmark = pytest.mark.django_db


def test_a_change_outside_a_transaction_moves_the_version_on_once():
    before = content_version()

    content_changed()

    assert content_version() == before + 1


def test_a_change_moves_it_on_at_once_and_once_more_at_the_commit(
    django_capture_on_commit_callbacks,
):
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed()
        content_changed()  # a second change in the same transaction
        during = content_version()

    assert during == before + 2
    assert len(callbacks) == 1  # one more increment for the whole transaction
    assert content_version() == before + 3


def test_what_was_cached_between_the_change_and_its_commit_is_not_read_after_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed()
        # Another request, reading the rows as they were before this commit, caches a page.
        cache.set(content_key("page", "/en/"), "the page before the change")

    assert cache.get(content_key("page", "/en/")) is None


def test_a_rolled_back_change_leaves_no_increment_for_the_next_transaction(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            content_changed()
            transaction.set_rollback(True)
        with transaction.atomic():
            content_changed()

    assert len(callbacks) == 1


def test_a_migration_moves_the_version_on_so_a_deploy_reads_nothing_the_old_code_cached():
    from django.core.management.sql import emit_post_migrate_signal

    before = content_version()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert content_version() > before


def test_a_cached_piece_is_built_once_per_version():
    built = []

    def build():
        built.append(len(built) + 1)
        return f"built {len(built)}"

    assert content_cached("piece", "en", build=build) == "built 1"
    assert content_cached("piece", "en", build=build) == "built 1"
    assert content_cached("piece", "sv", build=build) == "built 2"  # other parts, other piece

    content_changed()

    assert content_cached("piece", "en", build=build) == "built 3"
    assert built == [1, 2, 3]
