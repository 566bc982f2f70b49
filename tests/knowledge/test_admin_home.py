"""The secretariat's list of submissions on the admin home: those waiting longest first, each with
where it comes from, read in two queries whatever their number."""

import pytest

from wagtail.models import get_default_page_content_type

from accounts.models import Role
from knowledge.selectors.moderation import submissions_to_review
from knowledge.services import case_study_submit
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo(site_tree):
    membership = member_city("Oslo")
    return membership, coordinator_of(membership, name="Olav Oslo")


def _submitted(oslo, title):
    membership, coordinator = oslo
    page = case_study(membership, title, publish=False, aliases=False, by=coordinator)
    return case_study_submit(case_study=page, by=coordinator)


def test_the_submissions_waiting_longest_come_first_with_their_city_and_author(
    oslo, django_assert_num_queries
):
    for title in ("Night walkers", "Square hosts", "Quiet rooms"):
        _submitted(oslo, title)
    get_default_page_content_type()  # Django's content types are read once per process

    # The submissions counted, then the two waiting longest with their page's facts.
    with django_assert_num_queries(2):
        submissions = submissions_to_review(limit=2)

    assert submissions.count == 3
    assert [
        (s.title, s.kind, s.language, s.parent_title, s.submitted_by)
        for s in submissions.waiting_longest
    ] == [
        ("Night walkers", "Case study", "English", "Oslo", "Olav Oslo"),
        ("Square hosts", "Case study", "English", "Oslo", "Olav Oslo"),
    ]


def test_a_submission_sent_back_for_changes_no_longer_waits(oslo):
    _submitted(oslo, "Night walkers")
    sent_back = _submitted(oslo, "Square hosts")
    secretary = UserFactory(role=Role.SECRETARIAT)

    sent_back.current_task_state.reject(user=secretary, comment="More, please.")

    submissions = submissions_to_review()
    assert submissions.count == 1
    assert [s.title for s in submissions.waiting_longest] == ["Night walkers"]


def test_nothing_waits_when_nothing_was_submitted(oslo):
    membership, coordinator = oslo
    case_study(membership, "Draft only", publish=False, aliases=False, by=coordinator)

    assert submissions_to_review().count == 0
    assert submissions_to_review().waiting_longest == []
