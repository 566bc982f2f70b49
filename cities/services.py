"""Membership, applications, coordinators: the rules of who belongs and who may edit what."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language

from wagtail.models import GroupPagePermission

from accounts.models import ROLE_GROUP_NAMES, Role, User
from accounts.selectors import user_get_by_email
from accounts.services import user_create, user_grant_role, user_revoke_role
from cities.models import (
    AmbassadorCount,
    ApplicationStatus,
    CitiesIndexPage,
    CityPage,
    Coordinator,
    CoordinatorInvitation,
    Country,
    Membership,
    MembershipApplication,
    MembershipChange,
    MembershipStatus,
)
from cities.models.coordinators import invitation_nonce
from core.services import absolute_url, email_render_and_queue, page_create
from core.text import slug_from_name

INVITATION_SALT = "cities.coordinator-invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600
# What a city's coordinators may do on their city's pages, in every language tree. They publish
# their own city profile (``CityPage.get_workflow`` opts it out of moderation).
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


class InvitationError(Exception):
    """An invitation link that cannot be used; ``str()`` is a translated message for the person."""


# --- Membership ------------------------------------------------------------------------------


@transaction.atomic
def membership_create(
    *,
    city_page: CityPage,
    status: str,
    by: User | None,
    reason: str = "",
    joined_on=None,
    left_on=None,
) -> Membership:
    """A city's membership in ``status``: an active one has joined today unless told otherwise,
    a former one left today unless told otherwise."""
    today = timezone.localdate()
    if status == MembershipStatus.ACTIVE:
        joined_on = joined_on or today
    if status == MembershipStatus.FORMER:
        left_on = left_on or today
    membership = Membership(
        city_page=city_page, status=status, joined_on=joined_on, left_on=left_on
    )
    membership.full_clean()
    membership.save()
    MembershipChange.objects.create(
        membership=membership, from_status="", to_status=status, changed_by=by, reason=reason
    )
    coordinator_permissions_sync(membership=membership)
    return membership


@transaction.atomic
def membership_change_status(
    *, membership: Membership, status: str, by: User | None, reason: str
) -> Membership:
    """Move a membership to ``status``, recording who did it and why.

    Becoming active sets the joined date (the first time); becoming former sets the left date. A
    membership that is no longer active takes its coordinators' editing rights with it.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == status:
        return membership
    previous = membership.status
    membership.status = status
    today = timezone.localdate()
    if status == MembershipStatus.ACTIVE:
        membership.joined_on = membership.joined_on or today
        membership.left_on = None
    elif status == MembershipStatus.FORMER:
        membership.left_on = today
    membership.full_clean()
    membership.save()
    MembershipChange.objects.create(
        membership=membership, from_status=previous, to_status=status, changed_by=by, reason=reason
    )
    coordinator_permissions_sync(membership=membership)
    return membership


def coordinator_group_name(membership: Membership) -> str:
    """The name of the membership's coordinators' group: its city, and the membership's id, which
    keeps the groups of two cities of one name (or one city's memberships) apart."""
    return f"Coordinators of {membership.city_page.slug} ({membership.pk})"


def coordinator_page_permissions():
    """The page permissions a city's coordinators have on its page (``COORDINATOR_PAGE_PERMISSIONS``
    as rows)."""
    return Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COORDINATOR_PAGE_PERMISSIONS
    )


def coordinator_permissions_sync(*, membership: Membership) -> Group:
    """Give the city's coordinators' group exactly its rights: add and change pages on the city's
    page in every language tree while the membership is active, nothing otherwise."""
    group = membership.coordinator_group
    if group is None:
        group = Group.objects.create(name=coordinator_group_name(membership))
        membership.coordinator_group = group
        membership.save(update_fields=["coordinator_group"])
    wanted = set()
    if membership.status == MembershipStatus.ACTIVE:
        permissions = coordinator_page_permissions()
        pages = CityPage.objects.filter(translation_key=membership.city_page.translation_key)
        wanted = {(page.pk, permission.pk) for page in pages for permission in permissions}
    existing = GroupPagePermission.objects.filter(group=group)
    existing.exclude(
        pk__in=[row.pk for row in existing if (row.page_id, row.permission_id) in wanted]
    ).delete()
    have = set(existing.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in wanted - have
    )
    return group


# --- City pages --------------------------------------------------------------------------------


def cities_index_page(*, language: str | None = None) -> CitiesIndexPage:
    language = language or settings.LANGUAGE_CODE
    return CitiesIndexPage.objects.get(locale__language_code=language)


@transaction.atomic
def city_page_create(
    *, title: str, country: Country, publish: bool, by=None, slug: str = "", **fields
) -> CityPage:
    """A city's page under ``/cities/``, with its aliases in every language tree. The slug is the
    name in Latin letters unless given: "København" is at ``/cities/kobenhavn/``."""
    slug = slug or slug_from_name(title, default="city")
    page = CityPage(title=title, slug=slug, country=country, **fields)
    return page_create(parent=cities_index_page(), page=page, user=by, publish=publish)


# --- Applications ------------------------------------------------------------------------------


def _secretariat() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, groups__name=ROLE_GROUP_NAMES[Role.SECRETARIAT]
        ).distinct()
    )


@transaction.atomic
def application_submit(
    *,
    city_name: str,
    country: Country,
    contact_name: str,
    contact_role: str,
    contact_email: str,
    motivation: str,
    accepts_charter: bool,
    language: str | None = None,
) -> MembershipApplication:
    """Store an application; confirm it to the applicant and tell the secretariat."""
    application = MembershipApplication(
        city_name=city_name,
        country=country,
        contact_name=contact_name,
        contact_role=contact_role,
        contact_email=contact_email,
        motivation=motivation,
        accepts_charter=accepts_charter,
        language=language or get_language() or settings.LANGUAGE_CODE,
    )
    application.full_clean()
    application.save()
    email_render_and_queue(
        to=application.contact_email,
        template_prefix="cities/email/application_received",
        context={"application": application},
        language=application.language,
    )
    review_url = absolute_url(f"/admin/cities/applications/edit/{application.pk}/")
    for person in _secretariat():
        email_render_and_queue(
            to=person.email,
            template_prefix="cities/email/application_to_secretariat",
            context={"application": application, "person": person, "review_url": review_url},
            language=person.language,
        )
    return application


def _lock_pending(application: MembershipApplication) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.PENDING:
        raise ValueError("This application has already been decided.")
    return application


@transaction.atomic
def application_approve(*, application: MembershipApplication, by: User) -> Membership:
    """Make the city an active member: its draft city page, membership and first coordinator."""
    application = _lock_pending(application)
    city_page = city_page_create(
        title=application.city_name,
        country=application.country,
        publish=False,
        by=by,
        contact_name=application.contact_name,
        contact_email=application.contact_email,
    )
    membership = membership_create(
        city_page=city_page,
        status=MembershipStatus.ACTIVE,
        by=by,
        reason=f"Application of {application.created_at:%Y-%m-%d} approved.",
    )
    application.status = ApplicationStatus.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.membership = membership
    application.save()
    invitation_create(
        membership=membership,
        email=application.contact_email,
        name=application.contact_name,
        by=by,
        language=application.language,
    )
    return membership


@transaction.atomic
def application_decline(
    *, application: MembershipApplication, by: User, reason: str
) -> MembershipApplication:
    """Decline with a reason, which the applicant receives by email in their language."""
    application = _lock_pending(application)
    application.status = ApplicationStatus.DECLINED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decline_reason = reason.strip()
    application.full_clean()
    application.save()
    email_render_and_queue(
        to=application.contact_email,
        template_prefix="cities/email/application_declined",
        context={"application": application},
        language=application.language,
    )
    return application


# --- Coordinators ------------------------------------------------------------------------------


def invitation_token(invitation: CoordinatorInvitation) -> str:
    """The signed part of an invitation link: the row's id and its random nonce."""
    return signing.dumps(
        {"invitation": invitation.pk, "nonce": invitation.nonce}, salt=INVITATION_SALT
    )


@transaction.atomic
def invitation_create(
    *, membership: Membership, email: str, name: str = "", by: User | None, language: str = ""
) -> CoordinatorInvitation:
    """Invite ``email`` to coordinate the city; the link is signed, single-use and expires."""
    invitation = CoordinatorInvitation(
        membership=membership, email=email.strip().lower(), name=name, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    language = language or get_language() or settings.LANGUAGE_CODE
    email_render_and_queue(
        to=invitation.email,
        template_prefix="cities/email/coordinator_invitation",
        context={
            "invitation": invitation,
            "city": membership.city_page.title,
            "accept_url": absolute_url(
                f"/{language}/accounts/invitation/{invitation_token(invitation)}/"
            ),
            "days": INVITATION_MAX_AGE // 86400,
        },
        language=language,
    )
    return invitation


def invitation_from_token(token: str) -> CoordinatorInvitation:
    """The open invitation behind a link, or ``InvitationError`` saying why it cannot be used."""
    from django.utils.translation import gettext as _

    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvitationError(
            _("This invitation has expired. Ask the secretariat for a new one.")
        ) from error
    except signing.BadSignature as error:
        raise InvitationError(_("This invitation link is not valid.")) from error
    invitation_id, nonce = data.get("invitation"), data.get("nonce")
    if not isinstance(invitation_id, int) or not isinstance(nonce, str) or not nonce:
        raise InvitationError(_("This invitation link is not valid."))
    invitation = (
        CoordinatorInvitation.objects.select_related("membership__city_page")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationError(_("This invitation has been withdrawn."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used. Sign in instead."))
    if not constant_time_compare(invitation.nonce, nonce):
        raise InvitationError(_("This invitation link is not valid."))
    return invitation


def _lock_open_invitation(invitation: CoordinatorInvitation) -> CoordinatorInvitation:
    from django.utils.translation import gettext as _

    invitation = CoordinatorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError(_("This invitation has already been used. Sign in instead."))
    return invitation


def _invitation_close(invitation: CoordinatorInvitation, *, field: str) -> None:
    """Mark the invitation accepted or withdrawn; a new nonce kills its link for good."""
    setattr(invitation, field, timezone.now())
    invitation.nonce = invitation_nonce()
    invitation.save(update_fields=[field, "nonce"])


@transaction.atomic
def invitation_accept(*, invitation: CoordinatorInvitation, user: User) -> Coordinator:
    """An existing account accepts the invitation sent to its address. The caller has signed
    ``user`` in (with two-factor where the account has it): accepting never signs anyone in
    and never touches the account's password."""
    from django.utils.translation import gettext as _

    invitation = _lock_open_invitation(invitation)
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(_("This invitation was sent to another address."))
    coordinator = coordinator_add(membership=invitation.membership, user=user)
    _invitation_close(invitation, field="accepted_at")
    return coordinator


@transaction.atomic
def invitation_accept_with_new_account(
    *, invitation: CoordinatorInvitation, name: str, password: str, language: str
) -> User:
    """Accept an invitation with a new account for its address (the email counts as verified),
    the coordinator role and the city's editing rights. Single use: a second acceptance fails;
    an address that already has an account must sign in and use ``invitation_accept``."""
    from django.utils.translation import gettext as _

    invitation = _lock_open_invitation(invitation)
    if user_get_by_email(email=invitation.email) is not None:
        raise InvitationError(
            _("An account with this address exists already. Sign in to accept the invitation.")
        )
    user = user_create(
        email=invitation.email, name=name, password=password, language=language, verified=True
    )
    coordinator_add(membership=invitation.membership, user=user)
    _invitation_close(invitation, field="accepted_at")
    return user


@transaction.atomic
def invitation_revoke(*, invitation: CoordinatorInvitation) -> CoordinatorInvitation:
    """Withdraw an open invitation: its link stops working at once."""
    invitation = _lock_open_invitation(invitation)
    _invitation_close(invitation, field="revoked_at")
    return invitation


@transaction.atomic
def coordinator_add(*, membership: Membership, user: User) -> Coordinator:
    if Coordinator.objects.filter(user=user).exclude(membership=membership).exists():
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("This person already coordinates another city."))
    coordinator, _created = Coordinator.objects.get_or_create(user=user, membership=membership)
    user_grant_role(user=user, role=Role.COORDINATOR)
    user.groups.add(coordinator_permissions_sync(membership=membership))
    return coordinator


@transaction.atomic
def coordinator_remove(*, coordinator: Coordinator) -> None:
    """Take a coordinator's rights away at once: the city's group and the role."""
    user = coordinator.user
    group = coordinator.membership.coordinator_group
    if group is not None:
        user.groups.remove(group)
    user_revoke_role(user=user, role=Role.COORDINATOR)
    coordinator.delete()


@transaction.atomic
def ambassador_count_set(*, membership: Membership, year: int, count: int) -> AmbassadorCount:
    """Record how many young peace ambassadors the city had in ``year`` (replacing a figure)."""
    record = AmbassadorCount.objects.filter(membership=membership, year=year).first()
    record = record or AmbassadorCount(membership=membership, year=year)
    record.count = count
    record.full_clean()
    record.save()
    return record
