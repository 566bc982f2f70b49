"""Receivers at the seams: the cached city directory follows pages and memberships."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from cities.selectors import city_directory_invalidate


def _changed(**kwargs):
    city_directory_invalidate()


def connect_receivers() -> None:
    from wagtail.models import Page

    from cities.models import Membership

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"cities-directory-{id(signal)}")
    post_delete.connect(_changed, sender=Page, dispatch_uid="cities-directory-page-deleted")
    post_save.connect(_changed, sender=Membership, dispatch_uid="cities-directory-membership")
    post_delete.connect(_changed, sender=Membership, dispatch_uid="cities-directory-membership-x")
