"""Receivers at the seams: each one calls a single service, selector or task."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import page_cache_invalidate
from core.selectors import figure_apps, network_figures_invalidate, site_chrome_invalidate
from core.tasks import image_renditions_create_task


def _page_changed(**kwargs):
    site_chrome_invalidate()
    network_figures_invalidate()
    page_cache_invalidate()


def _public_row_changed(sender, **kwargs):
    if sender._meta.app_label in figure_apps():
        network_figures_invalidate()
    page_cache_invalidate()


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
    from wagtail.models import Page, PageViewRestriction

    from core.models import SiteSettings

    # An uploaded (or changed) image gets the renditions the pages show before any visitor asks.
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="core-image-renditions")

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"core-page-changed-{id(signal)}")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="core-page-deleted")
    post_save.connect(_page_changed, sender=SiteSettings, dispatch_uid="core-chrome-settings")
    # Wagtail's Privacy dialog saves or deletes a restriction without publishing: the pages
    # below it (and menus listing them) change for anonymous visitors at once.
    for signal in (post_save, post_delete):
        signal.connect(
            _page_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"core-page-restriction-{id(signal)}",
        )
    for model in public_data_models():
        for signal in (post_save, post_delete):
            signal.connect(
                _public_row_changed,
                sender=model,
                dispatch_uid=f"core-public-row-{model._meta.label}-{id(signal)}",
            )
