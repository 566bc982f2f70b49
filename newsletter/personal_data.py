from newsletter.selectors import subscriber_for_user


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, user) -> dict:
    """The person's newsletter subscription, with the consents it rests on (three queries: the
    subscriber, its interests, its consents)."""
    subscriber = subscriber_for_user(user=user)
    if subscriber is None:
        return {"newsletter_subscription": None}
    return {
        "newsletter_subscription": {
            "email": subscriber.email,
            "status": subscriber.status,
            "language": subscriber.language,
            "interests": [area.slug for area in subscriber.interests.order_by("position")],
            "subscribed_at": subscriber.created_at.isoformat(),
            "confirmed_at": _moment(subscriber.confirmed_at),
            "unsubscribed_at": _moment(subscriber.unsubscribed_at),
            "consents": [
                {
                    "action": consent.action,
                    "at": consent.at.isoformat(),
                    "page": consent.path,
                    "client_address": consent.ip_address,
                    "wording": consent.wording,
                    "language": consent.language,
                }
                for consent in subscriber.consents.all()
            ],
        }
    }
