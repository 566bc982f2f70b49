from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_target_groups(**kwargs):
    from knowledge.models import TargetGroup
    from knowledge.reference_data import ensure_target_groups

    ensure_target_groups(TargetGroup)


def _rebuild_library(using="default", **kwargs):
    from django.db import connections

    from knowledge.models import LibraryEntry
    from knowledge.services import library_rebuild

    # Not after migrating back to before the table existed.
    if LibraryEntry._meta.db_table in connections[using].introspection.table_names():
        library_rebuild()


def _ensure_moderation_workflow(**kwargs):
    from knowledge.workflow import ensure_moderation_workflow

    ensure_moderation_workflow()


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")
    # Rows that show on public pages: a change moves the content version on (core.signals).
    public_models = ("TargetGroup",)

    def ready(self):
        from knowledge.signals import connect_receivers

        connect_receivers()
        post_migrate.connect(_ensure_target_groups, sender=self, dispatch_uid="knowledge-groups")
        post_migrate.connect(
            _ensure_moderation_workflow, sender=self, dispatch_uid="knowledge-workflow"
        )
        # The library's rows from the page tree, whatever a migration changed below them.
        post_migrate.connect(_rebuild_library, sender=self, dispatch_uid="knowledge-library")
