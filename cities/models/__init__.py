from cities.models.applications import ApplicationStatus, MembershipApplication
from cities.models.coordinators import Coordinator, CoordinatorInvitation
from cities.models.country import Country
from cities.models.membership import (
    AmbassadorCount,
    Membership,
    MembershipChange,
    MembershipStatus,
)
from cities.models.pages import CitiesIndexPage, CityPage
from cities.models.partners import Partner, PartnerKind

__all__ = [
    "AmbassadorCount",
    "ApplicationStatus",
    "CitiesIndexPage",
    "CityPage",
    "Coordinator",
    "CoordinatorInvitation",
    "Country",
    "Membership",
    "MembershipApplication",
    "MembershipChange",
    "MembershipStatus",
    "Partner",
    "PartnerKind",
]
