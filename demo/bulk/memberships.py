"""Memberships made in a few statements, as ``cities.services.membership_create`` makes them one
by one."""

from collections import defaultdict

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import GroupPagePermission

from accounts.models import User
from cities.models import CityPage, Membership, MembershipChange, MembershipStatus
from cities.services import coordinator_group_name, coordinator_page_permissions
from core.admin_sidebar import access_changed
from core.content_cache import content_changed
from demo.bulk.indexes import BATCH


def active_memberships_create(
    city_pages: list[CityPage], *, by: User | None, reason: str
) -> list[Membership]:
    """An active membership of each of ``city_pages``, as ``membership_create(city_page=...,
    status=MembershipStatus.ACTIVE, by=by, reason=reason)`` makes it for each in turn: joined
    today, its history's first change, its coordinators' group (named after the membership) with
    its rights on the city's page in every language tree (``coordinator_permissions_sync``), and
    one move each of the versions of the cached content and of the admin's sidebar. The pages'
    case studies, if they had any, would be left out of the library until it is rebuilt."""
    today = timezone.localdate()
    memberships = Membership.objects.bulk_create(
        [
            Membership(city_page=page, status=MembershipStatus.ACTIVE, joined_on=today)
            for page in city_pages
        ],
        batch_size=BATCH,
    )
    MembershipChange.objects.bulk_create(
        [
            MembershipChange(
                membership=membership,
                from_status="",
                to_status=membership.status,
                changed_by=by,
                reason=reason,
            )
            for membership in memberships
        ],
        batch_size=BATCH,
    )
    groups = Group.objects.bulk_create(
        [Group(name=coordinator_group_name(membership)) for membership in memberships],
        batch_size=BATCH,
    )
    for membership, group in zip(memberships, groups, strict=True):
        membership.coordinator_group = group
    Membership.objects.bulk_update(memberships, ["coordinator_group"], batch_size=BATCH)
    copies = defaultdict(list)
    for pk, translation_key in CityPage.objects.filter(
        translation_key__in=[page.translation_key for page in city_pages]
    ).values_list("pk", "translation_key"):
        copies[translation_key].append(pk)
    permissions = list(coordinator_page_permissions().values_list("pk", flat=True))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
            for page, group in zip(city_pages, groups, strict=True)
            for page_id in copies[page.translation_key]
            for permission_id in permissions
        ],
        batch_size=BATCH,
    )
    content_changed()
    access_changed()
    return memberships
