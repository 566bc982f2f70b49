"""Sending an issue: who it reaches, what each subscriber receives (in their language, with their
own links and the one-click unsubscribe headers, as text and HTML), exactly once however often
the work is repeated, and what happens when the mail server refuses. The mail goes through
Django's SMTP backend to an SMTP server of the test's own (``tests.core.fault_tools``)."""

import datetime
from collections import Counter
from email.header import decode_header, make_header

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from newsletter import sending
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    Segment,
    Sending,
    SendingStatus,
    Subscriber,
    SubscriberStatus,
)
from newsletter.selectors import (
    archive_issue,
    archive_list,
    segment_recipients,
    sending_progress,
)
from newsletter.sending.claims import _claim
from newsletter.services import subscriber_unsubscribe
from tests.core.fault_tools import SmtpServer, smtp_mailers
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.newsletter.world import SOURCE, areas, confirmed

pytestmark = pytest.mark.django_db


def issue(subject="Autumn in the network", **fields) -> Issue:
    from wagtail.models import Locale

    focus_areas = fields.pop("focus_areas", [])
    languages = fields.pop("languages", [])
    made = Issue.objects.create(
        subject=subject,
        locale=Locale.objects.get(language_code="en"),
        body=[
            {"type": "heading", "value": {"heading": "A year of meetups", "level": "h2"}},
            {"type": "paragraph", "value": '<p>Read <a href="/en/charter/">the Charter</a>.</p>'},
        ],
        **fields,
    )
    made.focus_areas.set(focus_areas)
    made.languages.set(languages)
    return made


def translate(original: Issue, language: str, subject: str) -> Issue:
    from wagtail.models import Locale

    copy = original.copy_for_translation(Locale.objects.get(language_code=language))
    copy.subject = subject
    copy.save()
    return copy


@pytest.fixture
def server(settings):
    """Django's SMTP backend, behind the portal's outbox guard, to an SMTP server of our own."""
    smtp = SmtpServer().start()
    settings.MAILERS = smtp_mailers(smtp)
    yield smtp
    smtp.stop()


def header(message, name: str) -> str:
    """A header as a mail program shows it: decoded, unfolded."""
    return str(make_header(decode_header(message[name]))).replace("\n", "").replace("\r", "")


def send_now(issue: Issue, capture) -> Sending:
    with capture(execute=True):
        sending.sending_schedule(issue=issue, by=None)
    return Sending.objects.get(issue=issue)


def fanned_out_then_one_leaves(django_capture_on_commit_callbacks):
    """An issue fanned out to two subscribers, one of whom then unsubscribes before any batch
    is sent: the sending, the one who left and the ids of the first and last delivery."""
    leaving = confirmed("leaving@example.org")
    confirmed("staying@example.org")
    letter = issue()
    with django_capture_on_commit_callbacks(execute=False):  # no task runs yet
        sending.sending_schedule(issue=letter, by=None)
        scheduled = Sending.objects.get(issue=letter)
        sending.sending_fan_out(sending_id=scheduled.pk)
    subscriber_unsubscribe(subscriber=leaving, source=SOURCE)
    return scheduled, leaving, Delivery.objects.order_by("pk").values_list("pk", flat=True)


class TestWhoReceivesIt:
    def test_everyone_active_in_its_languages_and_on_its_topics(self):
        everyone = confirmed("all@example.org", language="en")
        youth = confirmed(
            "youth@example.org", language="sv", interests=areas("strong-youth-engagement")
        )
        online = confirmed(
            "online@example.org", language="sv", interests=areas("safe-online-sphere")
        )
        finnish = confirmed("fi@example.org", language="fi")
        Subscriber.objects.create(email="pending@example.org", language="sv")
        from wagtail.models import Locale

        letter = issue(
            focus_areas=areas("strong-youth-engagement"),
            languages=Locale.objects.filter(language_code__in=["en", "sv"]),
        )

        assert set(segment_recipients(issue=letter)) == {everyone, youth}
        assert online not in segment_recipients(issue=letter)  # another topic
        assert finnish not in segment_recipients(issue=letter)  # another language

    def test_the_members_and_coordinators_segments_follow_the_accounts_roles(self, site_tree):
        coordinator = coordinator_of(member_city("Oslo"), email="olav@oslo.example.org")
        secretary = UserFactory(role=Role.SECRETARIAT, email="sara@nsc.example.org")
        public = UserFactory(email="per@example.org")
        for person in (coordinator, secretary, public):
            subscriber = confirmed(person.email)
            Subscriber.objects.filter(pk=subscriber.pk).update(user=person)

        def emails(segment):
            letter = issue(segment=segment)
            return sorted(s.email for s in segment_recipients(issue=letter))

        assert emails(Segment.EVERYONE) == [
            "olav@oslo.example.org",
            "per@example.org",
            "sara@nsc.example.org",
        ]
        assert emails(Segment.MEMBERS) == ["olav@oslo.example.org", "sara@nsc.example.org"]
        assert emails(Segment.COORDINATORS) == ["olav@oslo.example.org"]


class TestWhatEachSubscriberReceives:
    def test_their_language_their_links_the_headers_text_and_html(
        self, server, django_capture_on_commit_callbacks
    ):
        swede = confirmed("sven@example.org", language="sv")
        icelander = confirmed("gudrun@example.org", language="is")
        letter = issue()
        translate(letter, "sv", "Hösten i nätverket")

        done = send_now(letter, django_capture_on_commit_callbacks)

        assert done.status == SendingStatus.SENT and done.recipients == 2
        by_address = {message["To"]: message for message in server.messages}
        swedish, icelandic = by_address[swede.email], by_address[icelander.email]
        assert header(swedish, "Subject") == "Hösten i nätverket"
        assert header(icelandic, "Subject") == "Autumn in the network"  # no Icelandic one
        assert swedish["Content-Language"] == "sv"
        for message, subscriber in ((swedish, swede), (icelandic, icelander)):
            unsubscribe = header(message, "List-Unsubscribe").strip("<>")
            assert f"/{subscriber.language}/newsletter/unsubscribe/" in unsubscribe
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            text, markup = (
                part.get_payload(decode=True).decode()
                for part in message.walk()
                if part.get_content_type() in ("text/plain", "text/html")
            )
            assert unsubscribe in text and unsubscribe in markup
            assert "/newsletter/preferences/" in text
            assert "http://testserver/en/charter/" in markup or "/en/charter/" in markup
            assert "the Charter (" in text  # the link written out in the text version
        assert swedish["List-Unsubscribe"] != icelandic["List-Unsubscribe"]

    def test_the_one_click_link_of_an_issue_unsubscribes(
        self, client, server, django_capture_on_commit_callbacks
    ):
        reader = confirmed("reader@example.org")
        send_now(issue(), django_capture_on_commit_callbacks)
        (message,) = server.messages
        link = header(message, "List-Unsubscribe").strip("<>")
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]

        response = client.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 200
        reader.refresh_from_db()
        assert reader.status == SubscriberStatus.UNSUBSCRIBED

    def test_the_archive_keeps_what_went_out_in_each_language(
        self, client, server, django_capture_on_commit_callbacks
    ):
        confirmed("sven@example.org", language="sv")
        letter = issue()
        translate(letter, "sv", "Hösten i nätverket")
        send_now(letter, django_capture_on_commit_callbacks)
        Issue.objects.filter(pk=letter.pk).update(subject="Edited afterwards")

        swedish = archive_issue(pk=letter.pk, language="sv")
        finnish = archive_issue(pk=letter.pk, language="fi")

        assert swedish.subject == "Hösten i nätverket"
        assert finnish.subject == "Autumn in the network"
        assert "A year of meetups" in swedish.html
        assert "__NSC_" not in swedish.html + swedish.text

    def test_an_issue_to_coordinators_only_stays_out_of_the_public_archive(
        self, server, django_capture_on_commit_callbacks, site_tree
    ):
        coordinator = coordinator_of(member_city("Oslo"), email="olav@oslo.example.org")
        subscriber = confirmed(coordinator.email)
        Subscriber.objects.filter(pk=subscriber.pk).update(user=coordinator)
        internal = issue("Report by Friday", segment=Segment.COORDINATORS)

        send_now(internal, django_capture_on_commit_callbacks)

        assert archive_issue(pk=internal.pk, language="en") is None
        assert internal.pk not in [shown.pk for shown in archive_list(language="en")]
        (message,) = server.messages
        text = next(
            part.get_payload(decode=True).decode()
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        assert "/newsletter/archive/" not in text  # no web version to link to

    def test_an_issue_is_in_the_archive_while_it_is_still_going_out(self, site_tree):
        letter = issue()
        Sending.objects.create(
            issue=letter,
            status=SendingStatus.SENDING,
            scheduled_for=timezone.now(),
            started_at=timezone.now(),
            recipients=3,
            rendered={"en": sending.issue_render(issue=letter, language="en")},
        )

        shown = archive_issue(pk=letter.pk, language="en")

        assert shown is not None and shown.subject == "Autumn in the network"
        assert [item.pk for item in archive_list(language="en")] == [letter.pk]


class TestExactlyOnce:
    def test_a_batch_run_twice_sends_nothing_twice(
        self, server, django_capture_on_commit_callbacks
    ):
        for number in range(5):
            confirmed(f"reader{number}@example.org")
        done = send_now(issue(), django_capture_on_commit_callbacks)
        first, last = Delivery.objects.order_by("pk").values_list("pk", flat=True)[::4]

        again = sending.deliveries_send(sending_id=done.pk, first_id=first, last_id=last)
        sending.sendings_sweep()

        assert again == 0
        assert Counter(message["To"] for message in server.messages) == {
            f"reader{number}@example.org": 1 for number in range(5)
        }

    def test_a_subscriber_who_leaves_while_it_goes_out_does_not_receive_it(
        self, server, django_capture_on_commit_callbacks
    ):
        scheduled, leaving, (first, last) = fanned_out_then_one_leaves(
            django_capture_on_commit_callbacks
        )

        sent = sending.deliveries_send(sending_id=scheduled.pk, first_id=first, last_id=last)

        assert sent == 1
        assert [message["To"] for message in server.messages] == ["staying@example.org"]
        skipped = Delivery.objects.get(subscriber=leaving)
        assert skipped.status == DeliveryStatus.SKIPPED
        assert Sending.objects.get(pk=scheduled.pk).status == SendingStatus.SENT

    def test_claiming_a_batch_joins_no_tables_so_no_plan_can_loop_over_every_row(
        self, server, django_capture_on_commit_callbacks
    ):
        """The claim's queries find their rows by primary key or the batch's range: an update
        that joined the subscribers once took PostgreSQL 79 s for 500 rows, with no statistics
        on tables just filled and emptied."""
        scheduled, _leaving, (first, last) = fanned_out_then_one_leaves(
            django_capture_on_commit_callbacks
        )

        with CaptureQueriesContext(connection) as queries:
            claim = _claim(scheduled.pk, first, last)

        assert [recipient.email for recipient in claim.recipients] == ["staying@example.org"]
        statements = [query["sql"] for query in queries]
        assert any(sql.startswith("UPDATE") for sql in statements)
        assert not [sql for sql in statements if " JOIN " in sql or "(SELECT" in sql]


class TestRefusals:
    def test_a_refused_sender_address_counts_against_no_subscriber_and_is_tried_again(
        self, server, django_capture_on_commit_callbacks
    ):
        server.refuse_sender = "550 5.7.60 Client does not have permissions to send as this sender"
        reader = confirmed("reader@example.org")
        confirmed("other@example.org")

        done = send_now(issue(), django_capture_on_commit_callbacks)

        assert server.messages == []
        assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
        reader.refresh_from_db()
        assert reader.consecutive_failures == 0 and reader.status == SubscriberStatus.ACTIVE
        assert Sending.objects.get(pk=done.pk).status == SendingStatus.SENDING

        server.refuse_sender = ""  # the relay's permission is mended
        Delivery.objects.update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            sending.sendings_sweep()

        assert sorted(m["To"] for m in server.messages) == [
            "other@example.org",
            "reader@example.org",
        ]
        assert Sending.objects.get(pk=done.pk).status == SendingStatus.SENT

    def test_a_permanent_refusal_fails_the_delivery_and_three_in_a_row_suspend(
        self, server, django_capture_on_commit_callbacks
    ):
        server.refuse["gone@example.org"] = "550 5.1.1 No such mailbox"
        gone = confirmed("gone@example.org")
        confirmed("reader@example.org")

        for number in range(3):
            done = send_now(issue(f"Issue {number}"), django_capture_on_commit_callbacks)
            failed = Delivery.objects.get(sending=done, subscriber=gone)
            assert failed.status == DeliveryStatus.FAILED
            assert failed.last_error.startswith("550")

        gone.refresh_from_db()
        assert gone.status == SubscriberStatus.SUSPENDED
        assert gone.consecutive_failures == 3
        assert [m["To"] for m in server.messages].count("reader@example.org") == 3
        assert sending_progress(issue=Issue.objects.get(subject="Issue 2")).failed == 1

    def test_a_temporary_refusal_is_tried_again_later(
        self, server, django_capture_on_commit_callbacks
    ):
        server.refuse["busy@example.org"] = "451 4.3.0 Try again later"
        busy = confirmed("busy@example.org")
        done = send_now(issue(), django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(sending=done, subscriber=busy)
        assert delivery.status == DeliveryStatus.QUEUED
        assert delivery.next_attempt_at > timezone.now()
        assert Sending.objects.get(pk=done.pk).status == SendingStatus.SENDING

        del server.refuse["busy@example.org"]
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            sending.sendings_sweep()

        assert Delivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT
        assert Sending.objects.get(pk=done.pk).status == SendingStatus.SENT
        assert [m["To"] for m in server.messages] == ["busy@example.org"]


class TestScheduling:
    def test_a_scheduled_send_waits_for_its_time_and_can_be_cancelled(
        self, server, django_capture_on_commit_callbacks
    ):
        confirmed("reader@example.org")
        letter = issue()
        later = timezone.now() + datetime.timedelta(hours=2)
        with django_capture_on_commit_callbacks(execute=True):
            sending.sending_schedule(issue=letter, by=None, at=later)
            sending.sendings_sweep()
        assert server.messages == []
        assert Sending.objects.get(issue=letter).status == SendingStatus.SCHEDULED

        sending.sending_cancel(issue=letter)
        Sending.objects.filter(issue=letter).update(scheduled_for=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            sending.sendings_sweep()

        assert server.messages == []
        assert Sending.objects.get(issue=letter).status == SendingStatus.CANCELLED

    def test_a_sent_issue_is_not_sent_again_and_a_past_time_is_refused(
        self, server, django_capture_on_commit_callbacks
    ):
        confirmed("reader@example.org")
        letter = issue()
        send_now(letter, django_capture_on_commit_callbacks)

        with pytest.raises(sending.SendingRefused, match="sent already"):
            sending.sending_schedule(issue=letter, by=None)
        with pytest.raises(sending.SendingRefused, match="in the future"):
            sending.sending_schedule(
                issue=issue("Another"), by=None, at=timezone.now() - datetime.timedelta(days=1)
            )
        with pytest.raises(sending.SendingRefused, match="Only a scheduled send"):
            sending.sending_cancel(issue=letter)
        assert len(server.messages) == 1

    def test_a_test_send_goes_to_oneself_alone_through_the_outbox(
        self, django_capture_on_commit_callbacks
    ):
        confirmed("reader@example.org")
        secretary = UserFactory(role=Role.SECRETARIAT, email="sara@nsc.example.org", language="fi")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            sending.issue_test_send(issue=issue(), user=secretary)

        (message,) = mail.outbox
        assert message.to == ["sara@nsc.example.org"]
        assert message.subject.startswith("[")
        assert "Autumn in the network" in message.subject
        assert not Sending.objects.exists()
