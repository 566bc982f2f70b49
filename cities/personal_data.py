"""What the cities app holds about a person, for their "My data" download."""

from cities.models import Coordinator, CoordinatorInvitation, MembershipApplication


def personal_data(*, user) -> dict:
    coordinator = (
        Coordinator.objects.filter(user=user).select_related("membership__city_page").first()
    )
    return {
        "city_coordinator_of": (
            {
                "city": coordinator.membership.city_page.title,
                "since": coordinator.added_at.isoformat(),
            }
            if coordinator
            else None
        ),
        "coordinator_invitations_to_you": [
            {
                "city": invitation.membership.city_page.title,
                "sent_at": invitation.created_at.isoformat(),
                "accepted_at": invitation.accepted_at.isoformat()
                if invitation.accepted_at
                else None,
            }
            for invitation in CoordinatorInvitation.objects.filter(
                email__iexact=user.email
            ).select_related("membership__city_page")
        ],
        "membership_applications_you_sent": [
            {
                "city": application.city_name,
                "sent_at": application.created_at.isoformat(),
                "status": application.status,
                "motivation": application.motivation,
            }
            for application in MembershipApplication.objects.filter(
                contact_email__iexact=user.email
            )
        ],
    }
