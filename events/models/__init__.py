from events.models.pages import (
    NORDIC_TIME_ZONES,
    Audience,
    EventFormat,
    EventPage,
    EventsIndexPage,
)
from events.models.registrations import (
    CalendarFeed,
    EventReminder,
    Registration,
    RegistrationStatus,
    ReminderKind,
)

__all__ = [
    "NORDIC_TIME_ZONES",
    "Audience",
    "CalendarFeed",
    "EventFormat",
    "EventPage",
    "EventReminder",
    "EventsIndexPage",
    "Registration",
    "RegistrationStatus",
    "ReminderKind",
]
