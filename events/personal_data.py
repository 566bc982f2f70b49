from events.models import Registration


def personal_data(*, user) -> dict:
    """The person's registrations for meetups, with what they told us (one query)."""
    return {
        "meetup_registrations": [
            {
                "meetup": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "organisation": registration.organisation,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "registered_at": registration.queued_at.isoformat(),
                "attended": registration.attended,
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("queued_at")
        ]
    }
