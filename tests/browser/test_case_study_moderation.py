"""A case study's way to the public, as the people involved live it, in a real browser: a city's
coordinator writes it in the Wagtail admin and submits it, the secretariat approves it from the
notification email, and visitors find it."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import expect

from django.core import mail

from wagtail.models import WorkflowState

from accounts.models import Role
from knowledge.models import CaseStudyPage
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import ResourceFactory, case_study, pdf, picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(site_tree):
    oslo = member_city("Oslo")
    secret = generate_totp_secret()
    secretary = UserFactory(
        email="secretary@nordicsafecities.org", role=Role.SECRETARIAT, totp_secret=secret
    )
    coordinator = coordinator_of(oslo, email="coordinator.oslo@nordicsafecities.org")
    case_study(
        member_city("Stockholm"),
        "Square hosts",
        summary="Hosts in yellow jackets stay on the main square on weekend nights.",
        period_start=datetime.date(2022, 5, 1),
        target_groups=["local-communities"],
        hero_image=picture("square", "#0b3d5c"),
        hero_image_alt="A host in a yellow jacket talks with two teenagers on a square.",
    )
    ResourceFactory(
        title="ALL'IN youth manual",
        summary="How young people lead dialogue workshops against hate.",
        hero_image=picture("allin", "#c8102e"),
        hero_image_alt="The manual's cover: twelve dots joined in a circle.",
        documents=[(pdf("ALL'IN youth manual", "allin.pdf"), "en")],
    )
    return oslo, coordinator, secretary, secret


def test_a_coordinators_case_study_is_approved_by_the_secretariat_and_published(
    browser, live_server, portal, assert_accessible
):
    oslo, coordinator, secretary, secret = portal
    base = live_server.url

    # 1. The coordinator writes a case study below the city's page and submits it.
    author = browser.new_page()
    sign_in(author, base, coordinator.email)
    author.goto(f"{base}/admin/pages/add/knowledge/casestudypage/{oslo.city_page.pk}/")
    author.get_by_role("textbox", name="Title").fill("Night walkers in Grønland")
    author.get_by_role("textbox", name="Summary").fill(
        "Parents and volunteers walk the streets of Grønland on weekend nights."
    )
    # The date first: its picker opens on focus and closes when the person clicks elsewhere.
    author.get_by_role("textbox", name="Started").fill("2024-03-01")
    author.get_by_role("checkbox", name="Safe Urban Space", exact=True).check()
    author.get_by_role("checkbox", name="Families", exact=True).check()
    expect(author.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    author.get_by_role("button", name="More actions").click()
    assert author.get_by_role("button", name="Publish").count() == 0
    author.get_by_role("button", name="Submit for moderation").click()
    author.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    case_study = CaseStudyPage.objects.get(
        title="Night walkers in Grønland", locale__language_code="en"
    )
    assert not case_study.live
    state = WorkflowState.objects.get(object_id=str(case_study.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # 2. The secretariat opens the link in the notification email and approves it.
    notification = next(m for m in mail.outbox if m.to == [secretary.email])
    link = re.search(r"https?://\S+(/admin/pages/\d+/edit/)", notification.body)[1]
    staff = browser.new_page()
    sign_in(staff, base, secretary.email, totp_secret=secret)
    staff.goto(base + link)
    staff.get_by_role("button", name="More actions").click()
    staff.get_by_role("button", name="Approve and Publish", exact=True).click()
    staff.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    case_study.refresh_from_db()
    assert case_study.live
    approval = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert f"http://testserver{case_study.url}" in approval.body

    # 3. Visitors read it at its address, with the related practice of another city.
    visitor = browser.new_page()
    visitor.goto(f"{base}{case_study.url}")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Night walkers in Grønland"
    assert visitor.get_by_role("link", name="Square hosts").is_visible()
    assert_accessible(visitor)

    # 4. The library lists it under its focus area.
    visitor.goto(f"{base}/en/knowledge/?focus_area=safe-urban-space")
    assert visitor.get_by_role("link", name="Night walkers in Grønland").is_visible()


def test_a_case_study_with_a_hero_image_and_a_resource_pass_axe(
    page, live_server, portal, assert_accessible
):
    page.goto(f"{live_server.url}/en/cities/stockholm/square-hosts/")
    assert page.get_by_role("img", name="A host in a yellow jacket").is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/en/knowledge/allin-youth-manual/")
    assert page.get_by_role("heading", level=1).inner_text() == "ALL'IN youth manual"
    assert_accessible(page)
