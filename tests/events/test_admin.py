"""The secretariat's meetup administration: who gets in, the participants and their export, the
check-in at the door, the message to everyone confirmed, and the participants page's query
budget."""

import csv
import datetime
import io
from dataclasses import dataclass

import openpyxl
import pytest

from django.utils import timezone

from accounts.models import Role, User
from core.models import OutgoingEmail
from events import services
from events.models import EventPage, Registration, RegistrationStatus
from tests.events.world import event
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import city_page, coordinator_of, member_city
from tests.worlds import once_per_class

NEEDS = ("Vegan, no nuts", "Step-free access to the stage", "Gluten-free")


@dataclass
class Meetup:
    page: EventPage
    secretariat: User
    public: User
    host_coordinator: User
    other_coordinator: User
    ingrid: Registration  # confirmed, with dietary and accessibility needs
    sven: Registration  # confirmed, reads the portal's emails in Swedish
    astrid: Registration  # first on the waitlist
    bjorn: Registration  # second on the waitlist; his organisation looks like a formula
    carl: Registration  # cancelled


def register(page, name, email, organisation, language="en", **needs) -> Registration:
    person = UserFactory(name=name, email=email, language=language)
    data = services.RegistrationInput(organisation=organisation, **needs)
    return services.registration_create(event=page, user=person, data=data)


def build_meetup() -> Meetup:
    bergen = member_city("Bergen")
    stockholm = member_city("Stockholm")
    page = event("Bergen meetup", capacity=2, host_city=city_page(bergen))
    ingrid = register(
        page,
        "Ingrid Dahl",
        "ingrid@bergen.example.org",
        "City of Bergen",
        dietary_needs=NEEDS[0],
        accessibility_needs=NEEDS[1],
    )
    sven = register(page, "Sven Lund", "sven@malmo.example.org", "Malmö stad", language="sv")
    carl = register(page, "Carl Berg", "carl@example.org", "Aarhus Kommune")
    astrid = register(
        page, "Astrid Holm", "astrid@oslo.example.org", "Oslo kommune", dietary_needs=NEEDS[2]
    )
    bjorn = register(page, "Bjørn Vik", "bjorn@example.org", "=1+2 Consulting")
    carl = services.registration_cancel(registration=carl)
    return Meetup(
        page=page,
        secretariat=UserFactory(role=Role.SECRETARIAT, name="Sigrid Secretariat"),
        public=UserFactory(name="Petra Public"),
        host_coordinator=coordinator_of(bergen, email="coordinator@bergen.example.org"),
        other_coordinator=coordinator_of(stockholm, email="coordinator@stockholm.example.org"),
        ingrid=ingrid,
        sven=sven,
        astrid=astrid,
        bjorn=bjorn,
        carl=carl,
    )


meetup, meetup_built = once_per_class("meetup", build_meetup)

PAGES = {
    "meetups": lambda m: "/admin/events/",
    "participants": lambda m: f"/admin/events/{m.page.pk}/participants/",
    "CSV export": lambda m: f"/admin/events/{m.page.pk}/participants/?export=csv",
    "XLSX export": lambda m: f"/admin/events/{m.page.pk}/participants/?export=xlsx",
    "check-in": lambda m: f"/admin/events/{m.page.pk}/check-in/",
    "message": lambda m: f"/admin/events/{m.page.pk}/message/",
}


def become(client, role: str, meetup: Meetup) -> None:
    people = {
        "member of the public": meetup.public,
        "coordinator of the host city": meetup.host_coordinator,
        "coordinator of another city": meetup.other_coordinator,
    }
    if role == "secretariat":
        sign_in(client, meetup.secretariat)
    elif role in people:
        client.force_login(people[role])


def text(response) -> str:
    return response.content.decode(errors="replace")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def xlsx_rows(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


class TestWhoGetsIn:
    @pytest.mark.parametrize(
        ("role", "refusal"),
        [
            ("anonymous", 302),
            ("member of the public", 403),
            ("coordinator of the host city", 403),
            ("coordinator of another city", 403),
        ],
    )
    def test_nobody_but_the_secretariat_opens_a_page_or_an_export_or_sees_anyones_needs(
        self, client, meetup, role, refusal
    ):
        become(client, role, meetup)

        responses = {name: client.get(url(meetup)) for name, url in PAGES.items()}

        assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(
            PAGES, refusal
        )
        if role == "anonymous":
            assert {r["Location"].split("?")[0] for r in responses.values()} == {"/accounts/login/"}
        shown = {need for need in NEEDS for r in responses.values() if need in text(r)}
        assert shown == set()

    @pytest.mark.parametrize(
        ("role", "refusal"),
        [
            ("anonymous", 302),
            ("member of the public", 403),
            ("coordinator of the host city", 403),
            ("coordinator of another city", 403),
        ],
    )
    def test_nobody_but_the_secretariat_checks_anyone_in_or_messages_the_participants(
        self, client, meetup, role, refusal
    ):
        become(client, role, meetup)
        emails = OutgoingEmail.objects.count()

        check_in = client.post(
            PAGES["check-in"](meetup), {"registration": meetup.ingrid.pk, "attended": "1"}
        )
        message = client.post(PAGES["message"](meetup), {"subject": "Hi", "body": "Come early."})

        assert (check_in.status_code, message.status_code) == (refusal, refusal)
        assert Registration.objects.get(pk=meetup.ingrid.pk).attended is False
        assert OutgoingEmail.objects.count() == emails

    def test_the_secretariat_opens_every_page_and_export_and_sees_the_needs(self, client, meetup):
        become(client, "secretariat", meetup)

        responses = {name: client.get(url(meetup)) for name, url in PAGES.items()}

        assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(PAGES, 200)
        for need in NEEDS:
            assert need in text(responses["participants"])
            assert need in text(responses["CSV export"])
            assert need in {cell for row in xlsx_rows(responses["XLSX export"]) for cell in row}

    def test_the_meetups_menu_is_shown_to_the_secretariat_only(self, client, meetup):
        client.force_login(meetup.host_coordinator)
        coordinator_home = text(client.get("/admin/"))
        become(client, "secretariat", meetup)
        secretariat_home = text(client.get("/admin/"))

        assert "/admin/events/" not in coordinator_home
        assert "/admin/events/" in secretariat_home
        assert "Meetups: participants" in secretariat_home


class TestTheParticipants:
    def test_the_meetups_show_their_counts_and_link_to_their_participants(self, client, meetup):
        become(client, "secretariat", meetup)

        response = client.get("/admin/events/")

        [row] = response.context["upcoming"]
        assert row.event == meetup.page
        assert (row.counts.confirmed, row.counts.waitlisted, row.counts.cancelled) == (2, 2, 1)
        assert row.counts.attended == 0
        assert f"/admin/events/{meetup.page.pk}/participants/" in text(response)

    def test_are_listed_confirmed_first_then_the_waitlist_in_queue_order_then_cancelled(
        self, client, meetup
    ):
        become(client, "secretariat", meetup)

        page = text(client.get(PAGES["participants"](meetup)))

        names = ["Ingrid Dahl", "Sven Lund", "Astrid Holm", "Bjørn Vik", "Carl Berg"]
        assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
        assert "On the waitlist" in page and "Cancelled" in page

    def test_the_csv_export_has_every_status_place_and_need_and_no_formula(self, client, meetup):
        become(client, "secretariat", meetup)

        rows = csv_rows(client.get(PAGES["CSV export"](meetup)))

        assert rows == [
            [
                "Name",
                "Email",
                "Organisation",
                "Status",
                "Place on the waitlist",
                "Dietary needs",
                "Accessibility needs",
                "Attended",
            ],
            [
                "Ingrid Dahl",
                "ingrid@bergen.example.org",
                "City of Bergen",
                "Confirmed",
                "",
                *NEEDS[:2],
                "No",
            ],
            ["Sven Lund", "sven@malmo.example.org", "Malmö stad", "Confirmed", "", "", "", "No"],
            [
                "Astrid Holm",
                "astrid@oslo.example.org",
                "Oslo kommune",
                "On the waitlist",
                "1",
                NEEDS[2],
                "",
                "No",
            ],
            [
                "Bjørn Vik",
                "bjorn@example.org",
                "'=1+2 Consulting",
                "On the waitlist",
                "2",
                "",
                "",
                "No",
            ],
            ["Carl Berg", "carl@example.org", "Aarhus Kommune", "Cancelled", "", "", "", "No"],
        ]

    def test_the_xlsx_export_has_the_same_table_with_text_kept_as_text(self, client, meetup):
        become(client, "secretariat", meetup)

        rows = xlsx_rows(client.get(PAGES["XLSX export"](meetup)))

        assert [row[:4] for row in rows[1:]] == [
            ("Ingrid Dahl", "ingrid@bergen.example.org", "City of Bergen", "Confirmed"),
            ("Sven Lund", "sven@malmo.example.org", "Malmö stad", "Confirmed"),
            ("Astrid Holm", "astrid@oslo.example.org", "Oslo kommune", "On the waitlist"),
            ("Bjørn Vik", "bjorn@example.org", "=1+2 Consulting", "On the waitlist"),
            ("Carl Berg", "carl@example.org", "Aarhus Kommune", "Cancelled"),
        ]
        assert [row[4] for row in rows[1:]] == [None, None, 1, 2, None]
        assert rows[1][5:] == (*NEEDS[:2], "No")

    def test_a_translations_address_shows_the_meetups_participants(self, client, meetup):
        swedish = EventPage.objects.get(
            translation_key=meetup.page.translation_key, locale__language_code="sv"
        )
        become(client, "secretariat", meetup)

        response = client.get(f"/admin/events/{swedish.pk}/participants/")

        assert response.context["event"] == meetup.page
        assert len(response.context["participants"]) == 5


class TestTheCheckIn:
    def test_lists_the_confirmed_and_marks_a_participant_as_come_and_back(self, client, meetup):
        become(client, "secretariat", meetup)
        url = PAGES["check-in"](meetup)
        page = text(client.get(url))
        assert "Ingrid Dahl" in page and "Sven Lund" in page
        assert "Astrid Holm" not in page and "Carl Berg" not in page

        response = client.post(url, {"registration": meetup.ingrid.pk, "attended": "1"})

        assert response["Location"] == f"{url}#registration-{meetup.ingrid.pk}"
        assert Registration.objects.get(pk=meetup.ingrid.pk).attended is True
        assert "Ingrid Dahl is checked in." in text(client.get(url))
        client.post(url, {"registration": meetup.ingrid.pk, "attended": "0"})
        assert Registration.objects.get(pk=meetup.ingrid.pk).attended is False

    def test_refuses_a_waitlisted_registration_and_says_why(self, client, meetup):
        become(client, "secretariat", meetup)
        url = PAGES["check-in"](meetup)

        response = client.post(
            url, {"registration": meetup.astrid.pk, "attended": "1"}, follow=True
        )

        assert response.redirect_chain == [(url, 302)]
        assert (
            "Only confirmed participants can be marked as attended: this registration is"
            " “On the waitlist”. Nothing was changed."
        ) in text(response)
        assert Registration.objects.get(pk=meetup.astrid.pk).attended is False

    def test_a_registration_for_another_meetup_is_not_found(self, client, meetup):
        other = event("Oslo meetup", capacity=5)
        stranger = register(other, "Ola Nordmann", "ola@example.org", "Oslo kommune")
        become(client, "secretariat", meetup)

        response = client.post(
            PAGES["check-in"](meetup), {"registration": stranger.pk, "attended": "1"}, follow=True
        )

        # An admin 404 is sent on to the public site's language prefix, which answers 404 too.
        assert response.status_code == 404
        assert Registration.objects.get(pk=stranger.pk).attended is False


class TestTheMessage:
    def test_reaches_each_confirmed_participant_once_in_their_language(self, client, meetup):
        become(client, "secretariat", meetup)
        already = set(OutgoingEmail.objects.values_list("pk", flat=True))

        response = client.post(
            PAGES["message"](meetup),
            {"subject": "Practical details for Friday", "body": "Bring your badge & a mug."},
            follow=True,
        )

        assert "emailed to 2 confirmed participants" in text(response)
        sent = OutgoingEmail.objects.exclude(pk__in=already)
        assert sorted(sent.values_list("to", flat=True)) == [
            "ingrid@bergen.example.org",
            "sven@malmo.example.org",
        ]
        swedish = sent.get(to="sven@malmo.example.org")
        assert swedish.language == "sv"
        assert swedish.subject == "Practical details for Friday"
        assert swedish.text_body.startswith("Hej Sven,")
        assert "Bring your badge & a mug." in swedish.text_body
        assert "/sv/" in swedish.text_body  # the event's page in Swedish
        signature = "Sigrid Secretariat\nNordic Safe Cities sekretariat"
        assert swedish.text_body.rstrip().endswith(signature)
        english = sent.get(to="ingrid@bergen.example.org")
        assert english.text_body.startswith("Dear Ingrid,")
        assert english.text_body.rstrip().endswith("Nordic Safe Cities secretariat")

    def test_an_empty_subject_is_refused_and_nothing_is_sent(self, client, meetup):
        become(client, "secretariat", meetup)
        emails = OutgoingEmail.objects.count()

        response = client.post(PAGES["message"](meetup), {"subject": "", "body": "Come early."})

        assert response.status_code == 200
        assert response.context["form"].errors == {"subject": ["This field is required."]}
        assert OutgoingEmail.objects.count() == emails


@pytest.fixture(scope="class")
def registrations(request, class_db):
    """A meetup with ``request.param`` registrations (a third each confirmed, waitlisted and
    cancelled, all with needs), built once per class."""
    from django.db import transaction

    with transaction.atomic():  # rolled back before the next amount is built
        page = event("Big meetup", capacity=request.param)
        people = User.objects.bulk_create(
            User(name=f"Person {number:03d}", email=f"person{number:03d}@example.org")
            for number in range(request.param)
        )
        statuses = list(RegistrationStatus)
        start = timezone.now()
        Registration.objects.bulk_create(
            Registration(
                event=page,
                user=person,
                status=statuses[number % 3],
                organisation=f"Organisation {number}",
                dietary_needs="Vegetarian",
                accessibility_needs="Hearing loop",
                queued_at=start + datetime.timedelta(seconds=number),
            )
            for number, person in enumerate(people)
        )
        yield page
        transaction.set_rollback(True)


@pytest.mark.parametrize("registrations", [10, 100], indirect=True, scope="class")
class TestTheParticipantsPagesQueryBudget:
    """The participants page runs the same number of queries for 10 and for 100 registrations."""

    def test_the_participants_page(self, client, db, django_assert_num_queries, registrations):
        secretariat = UserFactory(role=Role.SECRETARIAT, name="Sigrid")
        sign_in(client, secretariat)
        client.get("/admin/")
        url = f"/admin/events/{registrations.pk}/participants/"
        # The user, the user's and their groups' permissions, their groups (the secretariat
        # check), the admin profile, the locales (6; the session and the sidebar come from the
        # cache); the event's page (1), the locales' ids, to see that it is the page in the
        # default language (1: ``canonical_event``), everyone registered with their account
        # (1: ``participant_list``), the counts by status (1: ``registration_counts``).
        with django_assert_num_queries(10):
            response = client.get(url)
        assert len(response.context["participants"]) == registrations.registrations.count()
