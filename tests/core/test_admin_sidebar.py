"""The admin's sidebar is built once per person and language (core.admin_sidebar): a change of
someone's access shows in it on their next request, and the template that draws it stays
Wagtail's own but for that one tag."""

import re
from pathlib import Path

from django.conf import settings

import wagtail

from accounts.models import Role
from accounts.services import user_grant_role
from tests.factories.accounts import UserFactory, sign_in

NETWORK_VIEW = "/admin/charter/network/"


def sidebar_props(client) -> str:
    page = client.get("/admin/").content.decode()
    return re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S)[1]


def test_a_role_granted_shows_in_the_sidebar_on_the_next_request(client, site_tree):
    person = UserFactory(role=Role.COORDINATOR, name="Aino")
    sign_in(client, person)
    assert NETWORK_VIEW not in sidebar_props(client)
    assert NETWORK_VIEW not in sidebar_props(client)  # now from the cache

    user_grant_role(user=person, role=Role.SECRETARIAT)

    assert NETWORK_VIEW in sidebar_props(client)


def test_each_person_gets_their_own_sidebar(client, site_tree):
    secretariat = UserFactory(role=Role.SECRETARIAT, name="Sigrid")
    coordinator = UserFactory(role=Role.COORDINATOR, name="Aino")
    sign_in(client, secretariat)
    assert NETWORK_VIEW in sidebar_props(client)
    assert secretariat.email in sidebar_props(client)

    client.logout()
    sign_in(client, coordinator)

    props = sidebar_props(client)
    assert NETWORK_VIEW not in props
    assert coordinator.email in props and secretariat.email not in props


def test_the_admin_base_template_is_wagtails_own_but_for_the_cached_sidebar():
    wagtails = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/base.html"
    ours = Path(settings.BASE_DIR) / "templates/wagtailadmin/base.html"
    expected = (
        wagtails.read_text()
        .replace(
            "{% load wagtailadmin_tags wagtailcore_tags i18n %}",
            "{% load wagtailadmin_tags wagtailcore_tags i18n admin_chrome_tags %}",
        )
        .replace("{% sidebar_props %}", "{% cached_sidebar_props %}")
    )
    kept = [line for line in ours.read_text().splitlines() if not line.startswith("{# ")]
    assert kept == expected.splitlines()
