from django.utils.translation import gettext_lazy as _

from cities.selectors import network_member_figures
from core.selectors import Figure


def figures() -> list[Figure]:
    """Countries, member cities, peace ambassadors and partners: four queries."""
    counts = network_member_figures()
    return [
        Figure(counts["countries"], _("Nordic countries"), position=10),
        Figure(counts["cities"], _("active member cities"), position=20),
        Figure(counts["ambassadors"], _("young peace ambassadors"), position=30),
        Figure(counts["partners"], _("experts, NGOs and partners"), position=40),
    ]
