"""Receivers at the seams: each one calls a single service, selector or task.

This is the one module of receivers that forget cached content: the admin's sidebar when
someone's access changes (``core.admin_sidebar``), and public content (``core.content_cache``):
a publish, unpublish, move or deletion of a page, a privacy change, a site, a locale, the site
settings, an image deleted, a row of the models each app names in ``AppConfig.public_models``,
and a migration (a deploy). (Making an image's renditions, which a page then shows, moves the
version on in the service that makes them, ``core.services.image_renditions_create``.)
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from core.admin_sidebar import access_changed
from core.content_cache import content_changed
from core.tasks import image_renditions_create_task


def _public_content_changed(**kwargs):
    content_changed()


def _access_changed(**kwargs):
    access_changed()


def _image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        image_renditions_create_task.delay_on_commit(image_id=instance.pk)


def public_data_models() -> list:
    """The models whose rows show on public pages besides the pages themselves: each app names
    its own in its ``AppConfig.public_models``. A change of any other row (a session, an
    application, an invitation, an email) leaves the caches warm."""
    return [
        config.get_model(name)
        for config in apps.get_app_configs()
        for name in getattr(config, "public_models", ())
    ]


def connect_receivers() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from core.models import SiteSettings

    # An uploaded (or changed) image gets the renditions the pages show before any visitor asks.
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="core-image-renditions")
    post_delete.connect(
        _public_content_changed, sender=get_image_model(), dispatch_uid="core-image-deleted"
    )

    # A deploy migrates: what the caches hold may have been made by the code before it, in a form
    # the new code no longer reads the same way.
    post_migrate.connect(
        _public_content_changed, sender=apps.get_app_config("core"), dispatch_uid="core-migrated"
    )

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_public_content_changed, dispatch_uid=f"core-page-changed-{id(signal)}")
    post_delete.connect(_public_content_changed, sender=Page, dispatch_uid="core-page-deleted")
    post_save.connect(
        _public_content_changed, sender=SiteSettings, dispatch_uid="core-site-settings"
    )
    # Wagtail's Privacy dialog saves or deletes a restriction without publishing: the pages
    # below it (and menus listing them) change for anonymous visitors at once. A site or a
    # locale changes how every request is routed (``core.page_tree``).
    for model in (PageViewRestriction, Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                _public_content_changed,
                sender=model,
                dispatch_uid=f"core-tree-{model._meta.label}-{id(signal)}",
            )
    for model in public_data_models():
        for signal in (post_save, post_delete):
            signal.connect(
                _public_content_changed,
                sender=model,
                dispatch_uid=f"core-public-row-{model._meta.label}-{id(signal)}",
            )
    # Whose admin sidebar shows what: an account's groups and permissions, a group's permissions
    # (a role, a city's coordinators), a profile's avatar.
    from django.contrib.auth.models import Group

    from wagtail.models import GroupCollectionPermission, GroupPagePermission
    from wagtail.users.models import UserProfile

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _access_changed, sender=through, dispatch_uid=f"core-access-{through._meta.label}"
        )
    for model in (Group, GroupPagePermission, GroupCollectionPermission, UserProfile):
        for signal in (post_save, post_delete):
            signal.connect(
                _access_changed,
                sender=model,
                dispatch_uid=f"core-access-{model._meta.label}-{id(signal)}",
            )
