"""A case study's way to the public, as the people involved live it, in a real browser: a city's
coordinator writes it in the Wagtail admin and submits it, the secretariat approves it from the
notification email, and visitors find it."""

import datetime
import re
import time
from io import BytesIO

import PIL.Image
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from accounts.models import Role
from core.services import page_create
from knowledge.models import CaseStudyPage, ResourceDocument, ResourcePage
from knowledge.selectors.detail import HERO_RENDITION
from knowledge.services import case_study_create, image_renditions_create
from tests.browser.test_membership_story import _sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import cities_index, coordinator_of, member_city
from tests.factories.knowledge import knowledge_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _image(title: str, colour: str) -> Image:
    buffer = BytesIO()
    PIL.Image.new("RGB", (1600, 900), colour).save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    image.save()
    image_renditions_create(image=image, specs=[HERO_RENDITION, "max-165x165"])
    return image


def _sign_in_with_totp(page, base, email, secret):
    """A TOTP code counts in its own 30-second period only (no tolerance): not near its end."""
    remaining = 30 - time.time() % 30
    if remaining < 8:
        time.sleep(remaining + 0.5)
    _sign_in(page, base, email, totp_secret=secret)


@pytest.fixture
def portal():
    from core import demo

    demo.seed(scale=1, log=lambda text: None)
    cities_index()
    oslo = member_city("Oslo")
    stockholm = member_city("Stockholm", country="SE", latitude="59.3293", longitude="18.0686")
    secretary = UserFactory(email="secretary@nordicsafecities.org", role=Role.SECRETARIAT)
    secret = generate_totp_secret()
    TOTP.activate(secretary, secret)
    coordinator = coordinator_of(oslo, email="coordinator.oslo@nordicsafecities.org")
    case_study_create(
        city_page=stockholm.city_page,
        title="Square hosts",
        slug="square-hosts",
        summary="Hosts in yellow jackets stay on the main square on weekend nights.",
        period_start=datetime.date(2022, 5, 1),
        focus_areas=["safe-urban-space"],
        target_groups=["local-communities"],
        hero_image=_image("square", "#0b3d5c"),
        hero_image_alt="A host in a yellow jacket talks with two teenagers on a square.",
    )
    index = knowledge_index()
    document = Document(title="ALL'IN youth manual", file_size=15)
    document.file.save("allin.pdf", ContentFile(b"%PDF-1.4 manual"), save=False)
    document.save()
    resource = ResourcePage(
        title="ALL'IN youth manual",
        slug="allin-youth-manual",
        summary="How young people lead dialogue workshops against hate.",
        hero_image=_image("allin", "#c8102e"),
        hero_image_alt="The manual's cover: twelve dots joined in a circle.",
    )
    resource.documents = [ResourceDocument(document=document, language="en")]
    page_create(parent=index, page=resource)
    return oslo, coordinator, secretary, secret


def test_a_coordinators_case_study_is_approved_by_the_secretariat_and_published(
    browser, live_server, portal, assert_accessible
):
    oslo, coordinator, secretary, secret = portal
    base = live_server.url

    # 1. The coordinator writes a case study below the city's page and submits it.
    author = browser.new_page()
    _sign_in(author, base, coordinator.email)
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
    _sign_in_with_totp(staff, base, secretary.email, secret)
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
