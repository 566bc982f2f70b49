"""Receivers at the seams of the newsletter: each one calls a service."""

from newsletter.services import subscriber_delete_for_account


def _account_deleted(sender, instance, **kwargs):
    subscriber_delete_for_account(user=instance)


def connect_receivers() -> None:
    from django.db.models.signals import pre_delete

    from accounts.models import User

    pre_delete.connect(_account_deleted, sender=User, dispatch_uid="newsletter-account-deleted")
