"""Case studies are published after the secretariat's approval, and the people involved are told
by email, each in their own language, exactly once."""

from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.core import mail
from django.urls import reverse
from django.utils import translation

from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from accounts.models import Role
from cities.models import CitiesIndexPage, CityPage
from core.models import OutgoingEmail
from core.workflow import WORKFLOW_NAME
from knowledge.models import CaseStudyPage
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def _secretary(language: str, name: str):
    return UserFactory(
        role=Role.SECRETARIAT, language=language, name=name, totp_secret=generate_totp_secret()
    )


def _network():
    oslo = member_city("Oslo")
    bergen = member_city("Bergen")
    author = coordinator_of(oslo, name="Ingrid Haugland", language="nb")
    # A coordinator's draft, as the admin's editor saves it: unpublished, not yet submitted.
    draft = case_study(
        oslo, "Night walkers in Grønland", slug="night-walkers", publish=False, by=author
    )
    return SimpleNamespace(
        oslo=oslo,
        bergen=bergen,
        author=author,
        stranger=coordinator_of(bergen, name="Bjørn Berg"),
        secretaries=[_secretary("sv", "Sara Lind"), _secretary("fi", "Aino Virtanen")],
        draft=draft,
    )


network, network_built = once_per_class("network", _network)


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _edit_form_data(client, page, **changes):
    """What the admin's edit form posts, as a browser would send it unchanged."""
    response = client.get(_edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the (empty) body is drawn by JavaScript
    data.update(changes)
    return data


def _submit(client, person, page, capture):
    sign_in(client, person, second_factor=person.is_secretariat)
    data = _edit_form_data(client, page, **{"action-submit": "Submit"})
    with capture(execute=True):
        response = client.post(_edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return WorkflowState.objects.active().get(object_id=str(page.pk))


def _act(client, reviewer, workflow_state, action: str, capture, comment: str = ""):
    sign_in(client, reviewer, second_factor=reviewer.is_secretariat)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[workflow_state.object_id, action, workflow_state.current_task_state_id],
    )
    with capture(execute=True):
        response = client.post(url, {"comment": comment})
    assert response.status_code == 302


def _greeting(language: str, name: str) -> str:
    with translation.override(language):
        return translation.gettext("Dear %(name)s,") % {"name": name}


def _submitted_subject(language: str, title: str, city: str) -> str:
    with translation.override(language):
        message = translation.gettext("For approval: “%(title)s” from %(city)s")
    return message % {"title": title, "city": city}


class TestTheWorkflow:
    def test_case_studies_in_every_language_tree_go_to_the_secretariat(self, network):
        for locale in Locale.objects.all():
            index = CitiesIndexPage.objects.get(locale=locale)
            case_study = CaseStudyPage.objects.get(
                translation_key=network.draft.translation_key, locale=locale
            )
            workflow = case_study.get_workflow()

            assert index.get_workflow() == workflow
            assert workflow.name == WORKFLOW_NAME
            task = workflow.tasks.get().specific
            assert [group.name for group in task.groups.all()] == ["Secretariat"]

    def test_a_city_profile_is_published_by_its_coordinators_without_moderation(self, network):
        city = CityPage.objects.get(pk=network.oslo.city_page.pk)
        permissions = city.permissions_for_user(network.author)

        assert city.get_workflow() is None
        assert permissions.can_publish()
        assert not permissions.can_submit_for_moderation()


class TestSubmission:
    def test_each_secretary_is_emailed_once_in_their_language_with_the_review_link(
        self, client, network, django_capture_on_commit_callbacks
    ):
        _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)

        emails = OutgoingEmail.objects.order_by("to")
        assert [(email.to, email.language) for email in emails] == sorted(
            (person.email, person.language) for person in network.secretaries
        )
        review_url = f"http://testserver/admin/pages/{network.draft.pk}/edit/"
        # The catalogs translate the messages: a Swedish subject is not the English one.
        assert _submitted_subject("sv", "T", "C") != _submitted_subject("en", "T", "C")
        for person in network.secretaries:
            email = emails.get(to=person.email)
            assert _greeting(person.language, person.name) in email.text_body
            assert email.subject == _submitted_subject(
                person.language, "Night walkers in Grønland", "Oslo"
            )
            assert review_url in email.text_body
            assert "Ingrid Haugland" in email.text_body
        # Sent by the email task, and only ours: Wagtail's own notifications are disconnected.
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            person.email for person in network.secretaries
        )
        assert {message.extra_headers["Content-Language"] for message in mail.outbox} == {
            "sv",
            "fi",
        }

    def test_a_submitted_case_study_waits_unpublished(
        self, client, network, django_capture_on_commit_callbacks
    ):
        state = _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)

        network.draft.refresh_from_db()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == network.author
        assert not network.draft.live


class TestDecision:
    def test_approval_publishes_the_case_study_and_tells_its_author(
        self, client, network, django_capture_on_commit_callbacks
    ):
        state = _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)
        mail.outbox.clear()

        _act(client, network.secretaries[0], state, "approve", django_capture_on_commit_callbacks)

        network.draft.refresh_from_db()
        assert network.draft.live
        assert client.get(network.draft.url).status_code == 200
        [message] = mail.outbox
        assert message.to == [network.author.email]
        assert message.extra_headers["Content-Language"] == "nb"
        assert _greeting("nb", "Ingrid Haugland") in message.body
        assert "http://testserver/en/cities/oslo/night-walkers/" in message.body

    def test_changes_requested_keep_it_unpublished_and_send_the_comment_to_its_author(
        self, client, network, django_capture_on_commit_callbacks
    ):
        state = _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)
        mail.outbox.clear()

        _act(
            client,
            network.secretaries[1],
            state,
            "reject",
            django_capture_on_commit_callbacks,
            comment="Please name the partner organisations.",
        )

        network.draft.refresh_from_db()
        state.refresh_from_db()
        assert not network.draft.live
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        [message] = mail.outbox
        assert message.to == [network.author.email]
        assert message.extra_headers["Content-Language"] == "nb"
        assert "Please name the partner organisations." in message.body
        assert f"http://testserver/admin/pages/{network.draft.pk}/edit/" in message.body

    def test_the_author_resubmits_after_changes_and_the_secretariat_hears_again(
        self, client, network, django_capture_on_commit_callbacks
    ):
        state = _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)
        _act(client, network.secretaries[0], state, "reject", django_capture_on_commit_callbacks)
        mail.outbox.clear()

        _submit(client, network.author, network.draft, django_capture_on_commit_callbacks)

        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            person.email for person in network.secretaries
        )


class TestWhoMayPublish:
    def test_a_coordinator_may_edit_and_submit_but_not_publish_their_citys_case_study(
        self, network
    ):
        permissions = network.draft.permissions_for_user(network.author)

        assert permissions.can_edit()
        assert permissions.can_submit_for_moderation()
        assert not permissions.can_publish()
        assert network.draft.permissions_for_user(network.secretaries[0]).can_publish()

    def test_the_edit_views_publish_action_only_saves_a_draft_for_a_coordinator(
        self, client, network
    ):
        client.force_login(network.author)
        data = _edit_form_data(client, network.draft, **{"action-publish": "Publish"})

        response = client.post(_edit_url(network.draft), data)

        assert response.status_code == 302
        network.draft.refresh_from_db()
        assert not network.draft.live
        assert not WorkflowState.objects.filter(object_id=str(network.draft.pk)).exists()

    def test_a_new_case_study_cannot_be_published_in_one_go_by_a_coordinator(self, client, network):
        client.force_login(network.author)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "casestudypage", network.oslo.city_page.pk],
        )
        data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
        data.update(
            {
                "title": "Dialogue cafés",
                "slug": "dialogue-cafes",
                "summary": "Monthly cafés where neighbours talk.",
                "period_start": "2025-01-15",
                "focus_areas": str(network.draft.focus_areas.get().pk),
                "body-count": "0",
                "action-publish": "Publish",
            }
        )

        response = client.post(url, data)

        assert response.status_code == 302
        created = CaseStudyPage.objects.get(slug="dialogue-cafes", locale__language_code="en")
        assert not created.live

    def test_publishing_a_revision_as_a_coordinator_is_refused(self, network):
        revision = network.draft.get_latest_revision()

        with pytest.raises(PublishPagePermissionError):
            revision.publish(user=network.author)

    def test_a_coordinator_of_another_city_can_neither_edit_nor_submit_it(
        self, client, network, django_capture_on_commit_callbacks
    ):
        client.force_login(network.stranger)

        assert client.get(_edit_url(network.draft)).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            client.post(_edit_url(network.draft), {"action-submit": "Submit"})

        assert not network.draft.permissions_for_user(network.stranger).can_edit()
        assert not WorkflowState.objects.filter(object_id=str(network.draft.pk)).exists()
        assert OutgoingEmail.objects.count() == 0

    def test_visitors_and_members_of_the_public_cannot_reach_the_editor(self, client, network):
        response = client.get(_edit_url(network.draft))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

        client.force_login(UserFactory())
        assert client.get(_edit_url(network.draft)).status_code == 403
