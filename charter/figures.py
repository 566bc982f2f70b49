from django.conf import settings
from django.utils.translation import gettext_lazy as _

from charter.models import FocusArea
from core.selectors import Figure


def figures() -> list[Figure]:
    """The Charter's focus areas: one query."""
    count = FocusArea.objects.filter(locale__language_code=settings.LANGUAGE_CODE).count()
    return [Figure(count, _("focus areas in the Charter"), position=90)]
