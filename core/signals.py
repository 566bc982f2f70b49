"""Receivers at the seams: each one calls a single service or selector function."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from core.selectors import site_chrome_invalidate


def _invalidate_chrome(**kwargs):
    site_chrome_invalidate()


def connect_receivers() -> None:
    from core.models import SiteSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_invalidate_chrome, dispatch_uid=f"core-chrome-{id(signal)}")
    post_save.connect(_invalidate_chrome, sender=SiteSettings, dispatch_uid="core-chrome-settings")
    post_delete.connect(_invalidate_chrome, dispatch_uid="core-chrome-delete")
