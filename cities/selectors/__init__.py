"""Reads of the member cities: each selector says what it fetches and how many queries.
``directory``: the public cities, their list and map, a city's facts, partners and figures;
``membership``: whom a person coordinates and the secretariat's membership work;
``city_pages``: a coordinator's view of their city's pages and the secretariat's comments."""

from cities.selectors.city_pages import (
    MODERATION_STATES,
    CityPageRow,
    SecretariatComment,
    city_page_count,
    city_pages_recent,
    city_subtree,
    secretariat_comments,
)
from cities.selectors.directory import (
    CityDirectory,
    CityEntry,
    CityProfile,
    CountryCount,
    PartnerEntry,
    active_city_keys,
    city_directory,
    city_profile,
    member_city_pages,
    network_member_figures,
    partner_list,
)
from cities.selectors.membership import (
    MembershipDashboard,
    MembershipLink,
    MembershipRecord,
    MembershipWork,
    OpenInvitation,
    coordinated_membership,
    membership_admin_queryset,
    membership_dashboard,
    membership_record,
    membership_with_country,
    membership_work,
)

__all__ = [
    "MODERATION_STATES",
    "CityDirectory",
    "CityEntry",
    "CityPageRow",
    "CityProfile",
    "CountryCount",
    "MembershipDashboard",
    "MembershipLink",
    "MembershipRecord",
    "MembershipWork",
    "OpenInvitation",
    "PartnerEntry",
    "SecretariatComment",
    "active_city_keys",
    "city_directory",
    "city_page_count",
    "city_pages_recent",
    "city_profile",
    "city_subtree",
    "coordinated_membership",
    "member_city_pages",
    "membership_admin_queryset",
    "membership_dashboard",
    "membership_record",
    "membership_with_country",
    "membership_work",
    "network_member_figures",
    "partner_list",
    "secretariat_comments",
]
