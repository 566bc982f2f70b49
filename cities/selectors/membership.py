"""Reads of the membership for the secretariat and the coordinators: whom a person coordinates,
a membership's record, the admin home's figures and what waits for a decision."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from cities.models import (
    ApplicationStatus,
    Coordinator,
    CoordinatorInvitation,
    Membership,
    MembershipApplication,
)
from cities.models.country import COUNTRY_NAMES
from cities.selectors.directory import CountryCount
from cities.services import INVITATION_MAX_AGE


def coordinated_membership(user) -> Membership | None:
    """The membership ``user`` coordinates, with its city page, or None for anyone else (an
    inactive account included): one query, remembered on the user for the request. Whether the
    city is still an active member is the caller's question (``Membership.is_active``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, "_coordinated_membership"):
        coordinator = (
            Coordinator.objects.filter(user=user).select_related("membership__city_page").first()
        )
        user._coordinated_membership = coordinator.membership if coordinator else None
    return user._coordinated_membership


def membership_admin_queryset():
    """Memberships with their city page and its country (one query for a list of them)."""
    return Membership.objects.select_related("city_page__country")


@dataclass(frozen=True)
class MembershipRecord:
    changes: list
    ambassador_counts: list
    coordinators: list
    open_invitations: list


def membership_record(*, membership: Membership) -> MembershipRecord:
    """A membership's history (with who made each change), its ambassador counts, its
    coordinators (with their accounts) and its open invitations: four queries."""
    return MembershipRecord(
        changes=list(membership.changes.select_related("changed_by")),
        ambassador_counts=list(membership.ambassador_counts.all()),
        coordinators=list(membership.coordinators.select_related("user")),
        open_invitations=list(
            membership.invitations.filter(accepted_at=None, revoked_at=None).select_related(
                "invited_by"
            )
        ),
    )


@dataclass(frozen=True)
class MembershipLink:
    """A membership by its city's title, for a link to the membership in the admin."""

    membership_id: int
    title: str


@dataclass(frozen=True)
class MembershipDashboard:
    countries: list[CountryCount]
    total_active: int
    without_coordinator: list[MembershipLink]


def membership_dashboard() -> MembershipDashboard:
    """The membership figures of the admin home: two queries whatever the network's size
    (active members counted per country, active members without a coordinator). The five Nordic
    countries are listed even without a member. The applications waiting are counted once, by
    :func:`membership_work`, whose panel lists them."""
    active = Membership.objects.active()
    per_country = dict(
        active.order_by()
        .values("city_page__country__code")
        .annotate(count=Count("pk"))
        .values_list("city_page__country__code", "count")
    )
    countries = sorted(
        (
            CountryCount(code=code, name=str(COUNTRY_NAMES.get(code, code)), count=count)
            for code, count in (dict.fromkeys(COUNTRY_NAMES, 0) | per_country).items()
        ),
        key=lambda country: country.name,
    )
    return MembershipDashboard(
        countries=countries,
        total_active=sum(per_country.values()),
        without_coordinator=[
            MembershipLink(membership_id=pk, title=title)
            for pk, title in active.filter(coordinators=None)
            .order_by("city_page__title")
            .values_list("pk", "city_page__title")
        ],
    )


def membership_with_country(*, membership: Membership) -> Membership:
    """The membership again with its city page and the page's country: one query."""
    return Membership.objects.select_related("city_page__country").get(pk=membership.pk)


@dataclass(frozen=True)
class OpenInvitation:
    invitation: CoordinatorInvitation
    expired: bool


@dataclass(frozen=True)
class MembershipWork:
    """What waits for the secretariat in the membership admin."""

    pending_count: int
    pending_applications: list[MembershipApplication]
    invitation_count: int
    open_invitations: list[OpenInvitation]


def membership_work(*, limit: int = 5) -> MembershipWork:
    """Applications waiting for a decision (oldest first, with their country) and coordinator
    invitations not yet accepted or withdrawn (oldest first, with their city, marked when their
    link has expired), each counted and the first ``limit`` listed: four queries."""
    pending = MembershipApplication.objects.filter(status=ApplicationStatus.PENDING)
    invitations = CoordinatorInvitation.objects.filter(accepted_at=None, revoked_at=None)
    expired_before = timezone.now() - datetime.timedelta(seconds=INVITATION_MAX_AGE)
    return MembershipWork(
        pending_count=pending.count(),
        pending_applications=list(
            pending.select_related("country").order_by("created_at", "pk")[:limit]
        ),
        invitation_count=invitations.count(),
        open_invitations=[
            OpenInvitation(invitation=invitation, expired=invitation.created_at < expired_before)
            for invitation in invitations.select_related("membership__city_page").order_by(
                "created_at", "pk"
            )[:limit]
        ],
    )
