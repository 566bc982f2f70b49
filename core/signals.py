"""Receivers at the seams: each one calls a single service or selector function."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import page_cache_invalidate
from core.selectors import figure_apps, network_figures_invalidate, site_chrome_invalidate

# Apps whose data shows on public pages: a change empties the anonymous page cache.
PUBLIC_DATA_APPS = {"core", "charter", "cities", "knowledge", "events", "newsletter"}


def _page_changed(**kwargs):
    site_chrome_invalidate()
    network_figures_invalidate()
    page_cache_invalidate()


def _row_changed(sender, **kwargs):
    from core.models import OutgoingEmail

    label = sender._meta.app_label
    if label in figure_apps():
        network_figures_invalidate()
    if label in PUBLIC_DATA_APPS and sender is not OutgoingEmail:
        page_cache_invalidate()


def connect_receivers() -> None:
    from wagtail.models import PageViewRestriction

    from core.models import SiteSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"core-page-changed-{id(signal)}")
    post_save.connect(_page_changed, sender=SiteSettings, dispatch_uid="core-chrome-settings")
    # Wagtail's Privacy dialog saves a restriction without publishing: the pages below it (and
    # menus listing them) must stop being served to anonymous visitors at once.
    post_save.connect(
        _page_changed, sender=PageViewRestriction, dispatch_uid="core-page-restricted"
    )
    post_save.connect(_row_changed, dispatch_uid="core-figures-save")
    post_delete.connect(_row_changed, dispatch_uid="core-figures-delete")
    post_delete.connect(_page_changed, dispatch_uid="core-chrome-delete")
