from django.utils.translation import gettext_lazy as _

from core.selectors import Figure
from events.selectors import meetup_count


def figures() -> list[Figure]:
    """The Nordic meetups held and planned: one query."""
    return [Figure(meetup_count(), _("Nordic meetups"), position=50)]
