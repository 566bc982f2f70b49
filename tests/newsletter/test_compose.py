"""The secretariat writes, translates, previews and sends a newsletter issue in the admin: who
reaches each address of it (only the secretariat, with the second factor given), the send page
(who the issue reaches, a test to oneself, sending now or later, cancelling, the refusals on the
form), the progress as JSON, and the queries each costs."""

import datetime
import json
import zoneinfo
from dataclasses import dataclass

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Locale

from accounts.models import ROLE_GROUP_NAMES, Role
from core.models import OutgoingEmail
from newsletter import sending
from newsletter.models import Delivery, DeliveryStatus, Issue, Segment, Sending, SendingStatus
from tests.factories.accounts import sign_in
from tests.newsletter import test_admin as subscribers_admin
from tests.newsletter.world import areas, confirmed, in_language
from tests.worlds import once_per_class

ROLES = [
    "anonymous",
    "member of the public",
    "coordinator of this city",
    "coordinator of another city",
    "secretariat, password only",
    "secretariat",
]
REFUSED = ROLES[:-1]


@dataclass
class Network:
    people: subscribers_admin.Network
    issue: Issue
    swedish: Issue


def letter(subject: str = "Autumn in the network", **fields) -> Issue:
    languages = fields.pop("languages", [])
    focus_areas = fields.pop("focus_areas", [])
    made = Issue.objects.create(
        subject=subject,
        locale=Locale.objects.get(language_code="en"),
        body=[{"type": "paragraph", "value": "<p>A year of meetups.</p>"}],
        **fields,
    )
    made.languages.set(languages)
    made.focus_areas.set(focus_areas)
    return made


def build_network() -> Network:
    """The people of the subscribers' admin tests (``test_admin``; two active subscribers among
    them: Norwegian on Strong Families, Swedish on every topic), four more readers, and an issue
    with its Swedish translation."""
    people = subscribers_admin.build_network()
    for n in range(4):
        confirmed(f"reader{n}@example.org", language="en")
    issue = letter()
    swedish = issue.copy_for_translation(Locale.objects.get(language_code="sv"))
    swedish.subject = "Hösten i nätverket"
    swedish.save()
    return Network(people=people, issue=issue, swedish=swedish)


network, network_built = once_per_class("network", build_network)


def become(client, role: str, network: Network) -> None:
    if role == "secretariat, password only":
        sign_in(client, network.people.secretariat, second_factor=False)
    else:
        subscribers_admin.become(client, role, network.people)


def addresses(network: Network) -> dict[str, str]:
    pk = network.issue.pk
    return {
        "list": "/admin/newsletter/issues/",
        "list results": "/admin/newsletter/issues/results/",
        "add": "/admin/newsletter/issues/add/",
        "edit": f"/admin/newsletter/issues/edit/{pk}/",
        "delete": f"/admin/newsletter/issues/delete/{pk}/",
        "usage": f"/admin/newsletter/issues/usage/{pk}/",
        "history": f"/admin/newsletter/issues/history/{pk}/",
        "copy": f"/admin/newsletter/issues/copy/{pk}/",
        "send": f"/admin/newsletter/issues/{pk}/send/",
        "progress": f"/admin/newsletter/issues/{pk}/progress/",
        "email": f"/admin/newsletter/issues/{pk}/email/",
        "chooser": "/admin/snippets/choose/newsletter/issue/",
        "translate": f"/admin/localize/submit/snippet/newsletter/issue/{pk}/",
        # wagtail-localize's snippet API, open to every editor for other snippets.
        "localize api": "/admin/localize/api/snippets/newsletter/issue/",
        "localize api detail": f"/admin/localize/api/snippets/newsletter/issue/{pk}/",
    }


def send_page(network: Network) -> str:
    return f"/admin/newsletter/issues/{network.issue.pk}/send/"


class TestWhoGetsIn:
    @pytest.mark.parametrize("role", REFUSED)
    def test_nobody_but_the_secretariat_reaches_any_address_of_the_issues(
        self, client, network, role
    ):
        become(client, role, network)

        responses = {name: client.get(path) for name, path in addresses(network).items()}

        statuses = {name: response.status_code for name, response in responses.items()}
        assert all(status in (302, 403) for status in statuses.values()), statuses
        for name, response in responses.items():
            if response.status_code == 302:
                # To sign in, to give the second factor, or (wagtail-localize's refusal) to the
                # admin's home: never on to an issue.
                location = response["Location"]
                assert "/accounts/" in location or location == "/admin/", (name, location)
            assert b"Autumn in the network" not in response.content, name

    @pytest.mark.parametrize("role", REFUSED)
    def test_nobody_but_the_secretariat_sends_cancels_or_tests(self, client, network, role):
        become(client, role, network)
        path = send_page(network)

        for action in ("test", "send", "cancel"):
            response = client.post(path, {"action": action, "send-when": "now"})
            assert response.status_code in (302, 403)

        assert not Sending.objects.filter(issue=network.issue).exists()
        assert not OutgoingEmail.objects.filter(subject__contains="[Test]").exists()

    def test_the_secretariat_reaches_every_address(self, client, network):
        become(client, "secretariat", network)

        statuses = {name: client.get(path).status_code for name, path in addresses(network).items()}

        assert statuses == dict.fromkeys(statuses, 200)

    @pytest.mark.parametrize("role", ROLES)
    def test_the_issues_are_in_the_secretariats_menu_alone(self, client, network, role):
        become(client, role, network)

        home = client.get("/admin/", follow=True)

        assert ("Newsletter issues" in home.text) is (role == "secretariat")

    def test_the_secretariat_holds_the_issues_permissions_and_the_coordinators_none(self, db):
        def codenames(role: Role) -> set[str]:
            group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
            return set(
                Permission.objects.filter(
                    group=group, content_type__app_label="newsletter"
                ).values_list("codename", flat=True)
            )

        issue_permissions = {"add_issue", "change_issue", "delete_issue", "view_issue"}
        assert codenames(Role.SECRETARIAT) == issue_permissions
        assert codenames(Role.COORDINATOR) == set()


class TestWritingAndTranslating:
    def test_the_secretariat_writes_an_issue_in_the_admin(self, client, network):
        become(client, "secretariat", network)
        english = Locale.objects.get(language_code="en")

        response = client.post(
            f"/admin/newsletter/issues/add/?locale={english.language_code}",
            {
                "subject": "Winter in the network",
                "body-count": "1",
                "body-0-type": "paragraph",
                "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hello",'
                ' "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-id": "",
                "segment": Segment.COORDINATORS,
                "languages": [english.pk],
                "locale": english.pk,
            },
        )

        assert response.status_code == 302, response.content[:3000]
        made = Issue.objects.get(subject="Winter in the network")
        assert made.segment == Segment.COORDINATORS
        assert list(made.languages.all()) == [english]

    def test_the_listing_offers_send_and_translate(self, client, network):
        become(client, "secretariat", network)

        response = client.get("/admin/newsletter/issues/")

        assert f"/admin/newsletter/issues/{network.issue.pk}/send/" in response.text
        assert (
            f"/admin/localize/submit/snippet/newsletter/issue/{network.issue.pk}/" in response.text
        )
        assert "Not sent" in response.text

    def test_the_edit_view_links_to_the_send_page(self, client, network):
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/edit/{network.issue.pk}/")

        assert send_page(network) in response.text

    def test_the_secretariat_translates_an_issue_with_wagtail_localize(self, client, network):
        become(client, "secretariat", network)
        finnish = Locale.objects.get(language_code="fi")

        response = client.post(
            f"/admin/localize/submit/snippet/newsletter/issue/{network.issue.pk}/",
            {"locales": [finnish.pk]},
        )

        assert response.status_code == 302
        translated = Issue.objects.get(
            translation_key=network.issue.translation_key, locale=finnish
        )
        assert translated.subject == "Autumn in the network"  # until a translator changes it
        assert client.get(f"/admin/newsletter/issues/edit/{translated.pk}/").status_code == 200


class TestTheSendPage:
    def test_it_says_who_the_issue_reaches_in_words_and_numbers(self, client, network):
        network.issue.focus_areas.set(areas("strong-families"))
        network.issue.languages.set(Locale.objects.filter(language_code__in=["sv", "nb"]))
        network.issue.save()
        become(client, "secretariat", network)

        response = client.get(send_page(network))

        # The Swedish reader of every topic and the Norwegian who chose families.
        assert response.context["recipients"] == 2
        by_language = dict(response.context["recipients_by_language"])
        assert sorted(by_language.values()) == [1, 1]
        assert "Every subscriber" in response.text
        assert "Strong Families" in response.text
        previews = [url for _language, url in response.context["previews"]]
        assert previews == [
            f"/admin/newsletter/issues/{network.issue.pk}/email/",
            f"/admin/newsletter/issues/{network.swedish.pk}/email/",
        ]

    def test_the_send_page_of_a_translation_is_its_originals(self, client, network):
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/{network.swedish.pk}/send/")

        assert response.status_code == 302
        assert response["Location"] == send_page(network)

    def test_an_issue_written_first_in_swedish_is_sent_from_its_own_send_page(
        self, client, network
    ):
        become(client, "secretariat", network)
        swedish_first = Issue.objects.create(
            subject="Vintern i nätverket", locale=Locale.objects.get(language_code="sv")
        )

        page = client.get(f"/admin/newsletter/issues/{swedish_first.pk}/send/")
        sent = client.post(
            f"/admin/newsletter/issues/{swedish_first.pk}/send/",
            {"action": "send", "send-when": "now"},
        )

        assert page.status_code == 200
        assert sent.status_code == 302
        assert Sending.objects.get(issue=swedish_first).status == SendingStatus.SCHEDULED

    def test_the_preview_is_the_email_in_the_issues_language(self, client, network):
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/{network.swedish.pk}/email/")

        assert response.status_code == 200
        assert "Hösten i nätverket" in response.text
        assert '<html lang="sv">' in response.text

    def test_the_editors_preview_panel_shows_a_translation_in_its_language(self, client, network):
        become(client, "secretariat", network)  # the admin itself is in English
        preview = f"/admin/newsletter/issues/preview/{network.swedish.pk}/"
        paragraph = (
            '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hej", "depth": 0,'
            ' "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
        )

        client.post(
            preview,
            {
                "subject": "Hösten i nätverket",
                "body-count": "1",
                "body-0-type": "paragraph",
                "body-0-value": paragraph,
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-id": "",
                "segment": Segment.EVERYONE,
            },
        )
        response = client.get(preview)

        assert response.status_code == 200
        assert '<html lang="sv">' in response.text
        assert in_language("sv", "Unsubscribe") in response.text
        assert in_language("sv", "Read it on the web") in response.text

    def test_a_test_goes_to_the_secretariat_person_alone(self, client, network):
        become(client, "secretariat", network)

        response = client.post(send_page(network), {"action": "test"}, follow=True)

        (email,) = OutgoingEmail.objects.filter(subject__contains="[Test]")
        assert email.to == network.people.secretariat.email
        assert email.subject == "[Test] Autumn in the network"
        assert response.redirect_chain == [(send_page(network), 302)]
        assert f"A test was sent to {network.people.secretariat.email}." in response.text
        assert not Sending.objects.exists()

    def test_sending_now_schedules_it_for_now_and_says_so(
        self, client, network, django_capture_on_commit_callbacks
    ):
        become(client, "secretariat", network)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(send_page(network), {"action": "send", "send-when": "now"})

        assert response.status_code == 302 and response["Location"] == send_page(network)
        sending_row = Sending.objects.get(issue=network.issue)
        assert sending_row.scheduled_by == network.people.secretariat
        assert sending_row.scheduled_for <= timezone.now()
        # The tasks ran in place (eager): every subscriber of the segment got it.
        assert sending_row.status == SendingStatus.SENT and sending_row.recipients == 6
        page = client.get(send_page(network))
        assert "The issue is being sent." in page.text
        assert page.context["progress"].percent == 100
        assert "100 % done: 6 sent, 0 failed, 0 remaining." in page.text
        assert page.context["can_schedule"] is False

    def test_a_later_time_is_read_in_the_secretariats_time_zone(self, client, network):
        become(client, "secretariat", network)
        local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        next_year = timezone.localdate().year + 1

        response = client.post(
            send_page(network),
            {"action": "send", "send-when": "later", "send-send_at": f"{next_year}-03-02 09:30"},
            follow=True,
        )

        sending_row = Sending.objects.get(issue=network.issue)
        assert sending_row.status == SendingStatus.SCHEDULED
        assert sending_row.scheduled_for == datetime.datetime(next_year, 3, 2, 9, 30, tzinfo=local)
        assert f"The issue will be sent on {next_year}-03-02 09:30." in response.text
        assert "Cancel the scheduled send" in response.text

    def test_a_scheduled_send_is_cancelled(self, client, network):
        sending.sending_schedule(
            issue=network.issue,
            by=network.people.secretariat,
            at=timezone.now() + datetime.timedelta(days=2),
        )
        become(client, "secretariat", network)

        response = client.post(send_page(network), {"action": "cancel"}, follow=True)

        assert Sending.objects.get(issue=network.issue).status == SendingStatus.CANCELLED
        assert "The scheduled send is cancelled." in response.text
        assert response.context["can_schedule"] is True

    def test_cancelling_what_is_not_scheduled_says_why(self, client, network):
        become(client, "secretariat", network)

        response = client.post(send_page(network), {"action": "cancel"}, follow=True)

        assert "Only a scheduled send that has not begun can be cancelled." in response.text
        assert not Sending.objects.exists()

    def test_later_without_a_time_is_an_error_on_the_field(self, client, network):
        become(client, "secretariat", network)

        response = client.post(send_page(network), {"action": "send", "send-when": "later"})

        assert response.status_code == 200
        assert response.context["form"].errors == {
            "send_at": ["Choose the date and time to send it."]
        }
        assert "The issue was not sent. Check the form." in response.text
        assert not Sending.objects.exists()

    def test_a_time_in_the_past_is_refused_on_the_form_keeping_what_was_typed(
        self, client, network
    ):
        become(client, "secretariat", network)

        response = client.post(
            send_page(network),
            {"action": "send", "send-when": "later", "send-send_at": "2001-01-02 09:30"},
        )

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == ["Choose a time in the future."]
        assert 'value="2001-01-02 09:30"' in response.text
        assert not Sending.objects.exists()

    def test_a_refusal_is_translated(self, client, network):
        network.people.secretariat.language = "sv"
        network.people.secretariat.save()
        become(client, "secretariat", network)

        response = client.post(
            send_page(network),
            {"action": "send", "send-when": "later", "send-send_at": "2001-01-02 09:30"},
            HTTP_ACCEPT_LANGUAGE="sv",
        )

        (refusal,) = response.context["form"].non_field_errors()
        assert refusal != "Choose a time in the future."  # said in Swedish
        assert refusal in response.text

    def test_an_issue_sent_already_cannot_be_sent_again(self, client, network):
        sent = Sending.objects.create(
            issue=network.issue, status=SendingStatus.SENT, scheduled_for=timezone.now()
        )
        become(client, "secretariat", network)

        response = client.post(send_page(network), {"action": "send", "send-when": "now"})

        assert response.context["form"].non_field_errors() == ["This issue has been sent already."]
        sent.refresh_from_db()
        assert sent.status == SendingStatus.SENT


def sent_with_a_failure(network: Network) -> Sending:
    """The issue fanned out to its six subscribers: four sent, one failed, one left."""
    scheduled = sending.sending_schedule(issue=network.issue, by=network.people.secretariat)
    sending.sending_fan_out(sending_id=scheduled.pk)
    deliveries = list(Delivery.objects.filter(sending=scheduled).order_by("pk"))
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries[:4]]).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    Delivery.objects.filter(pk=deliveries[4].pk).update(
        status=DeliveryStatus.FAILED, last_error="550 No such mailbox"
    )
    return scheduled


class TestTheProgress:
    def test_the_progress_as_json(self, client, network):
        sent_with_a_failure(network)
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/{network.issue.pk}/progress/")

        progress = json.loads(response.content)
        failed_address = Delivery.objects.get(status=DeliveryStatus.FAILED).subscriber.email
        assert progress | {"seconds_left": None} == {
            "status": "sending",
            "status_label": "Sending",
            "recipients": 6,
            "sent": 4,
            "failed": 1,
            "remaining": 1,
            "percent": 83,
            "seconds_left": None,
            "text": progress["text"],
            "failures": [{"email": failed_address, "error": "550 No such mailbox"}],
        }
        assert progress["text"].startswith("83 % done: 4 sent, 1 failed, 1 remaining.")

    def test_the_progress_of_a_translation_is_its_originals(self, client, network):
        sent_with_a_failure(network)
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/{network.swedish.pk}/progress/")

        assert json.loads(response.content)["sent"] == 4

    def test_nothing_scheduled_yet(self, client, network):
        become(client, "secretariat", network)

        response = client.get(f"/admin/newsletter/issues/{network.issue.pk}/progress/")

        assert json.loads(response.content) == {
            "status": "",
            "percent": 0,
            "text": "",
            "failures": [],
        }

    def test_the_send_page_shows_the_bar_and_the_failed_deliveries(self, client, network):
        sent_with_a_failure(network)
        become(client, "secretariat", network)

        response = client.get(send_page(network))

        assert '<progress id="issue-progress-bar" max="100" value="83">' in response.text
        assert 'aria-live="polite"' in response.text
        assert "550 No such mailbox" in response.text
        assert '<script src="/static/js/newsletter-progress.js" defer>' in response.text


class TestQueryBudgets:
    def test_the_send_page(self, client, network, django_assert_num_queries):
        sent_with_a_failure(network)
        become(client, "secretariat", network)
        client.get("/admin/")
        # The session's user, the user's and their groups' permissions, their groups (the
        # secretariat check), the admin profile (5); the issue with its locale (1); its languages
        # and focus areas (2: ``IssueSendView.original``, the English issue itself); the
        # recipients by language (1: ``recipients_by_language``); the sending and its counts by
        # status (2: ``sending_progress``); the translations with their locales, for the
        # previews (1); the failed deliveries (1: ``issue_failures``); the locales (1: Wagtail's
        # admin, while rendering).
        with django_assert_num_queries(14):
            response = client.get(send_page(network))
        assert response.status_code == 200

    def test_the_progress_endpoint(self, client, network, django_assert_num_queries):
        sent_with_a_failure(network)
        become(client, "secretariat", network)
        client.get("/admin/")
        # The session's user, the user's and their groups' permissions, their groups (the
        # secretariat check), the admin profile (5); the issue with its locale (1); the sending
        # and its counts by status (2: ``sending_progress``); the failed deliveries (1:
        # ``issue_failures``).
        with django_assert_num_queries(9):
            response = client.get(f"/admin/newsletter/issues/{network.issue.pk}/progress/")
        assert response.status_code == 200
