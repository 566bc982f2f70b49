from events.models.pages import (
    NORDIC_TIME_ZONES,
    Audience,
    EventFormat,
    EventPage,
    EventsIndexPage,
)
from events.models.registrations import Registration, RegistrationStatus

__all__ = [
    "NORDIC_TIME_ZONES",
    "Audience",
    "EventFormat",
    "EventPage",
    "EventsIndexPage",
    "Registration",
    "RegistrationStatus",
]
