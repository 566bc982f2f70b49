from newsletter.models.issues import (
    Delivery,
    DeliveryStatus,
    Issue,
    Segment,
    Sending,
    SendingStatus,
)
from newsletter.models.subscribers import (
    Consent,
    ConsentAction,
    Subscriber,
    SubscriberStatus,
)

__all__ = [
    "Consent",
    "ConsentAction",
    "Delivery",
    "DeliveryStatus",
    "Issue",
    "Segment",
    "Sending",
    "SendingStatus",
    "Subscriber",
    "SubscriberStatus",
]
