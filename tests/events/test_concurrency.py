"""200 people ask for the last 50 seats at the same moment, through a running server: exactly 50
are confirmed and 150 wait, in the order the server took them, and nobody sees an error page.

The server is gunicorn with four worker processes on this test's PostgreSQL database
(tests/core/fault_tools.py), hence ``transaction=True``; the requests are 200 HTTP connections
opened together. Only on PostgreSQL: the rule under test is its row lock on the event
(``SELECT … FOR UPDATE``), while SQLite lets one writer in at a time whatever the code does.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from core.models import OutgoingEmail
from events.models import Registration, RegistrationStatus
from tests.core.fault_tools import Gunicorn, process_env
from tests.events.world import event
from tests.factories.accounts import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the seat rule rests on PostgreSQL's row lock; CI runs this on PostgreSQL",
    ),
]

PEOPLE = 200
SEATS = 50


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_200_people_at_once_for_50_seats_confirms_exactly_50_and_queues_the_rest_in_order(
    site_tree, tmp_path
):
    page = event("Bergen meetup", capacity=SEATS)
    people = UserFactory.create_batch(PEOPLE)
    sessions = [session_cookie(person) for person in people]
    web = Gunicorn(process_env(), tmp_path / "gunicorn.log", workers=4)
    web.start()
    try:
        web.wait_until_serving()
        start = threading.Barrier(PEOPLE)
        # Worked out here: the threads below only speak HTTP, never to the database.
        path = f"{page.url}register/"
        referer = f"http://127.0.0.1:{web.port}{page.url}"

        def register(session: str) -> int:
            secret = _get_new_csrf_string()
            body = urlencode({"organisation": "City of Bergen", "csrfmiddlewaretoken": secret})
            headers = {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; "
                f"{settings.CSRF_COOKIE_NAME}={secret}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": referer,
            }
            start.wait(timeout=60)
            answer = web.request("POST", path, body=body, headers=headers, timeout=120)
            return answer.status

        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            statuses = list(pool.map(register, sessions))
    finally:
        web.stop()

    assert statuses == [302] * PEOPLE, sorted(set(statuses))
    registrations = list(Registration.objects.filter(event=page).order_by("queued_at", "pk"))
    assert len(registrations) == PEOPLE
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    assert (len(confirmed), len(waiting)) == (SEATS, PEOPLE - SEATS)
    # The first 50 the server took have the seats; everyone after them waits, in that order.
    assert registrations[:SEATS] == confirmed
    assert max(r.queued_at for r in confirmed) <= min(r.queued_at for r in waiting)
    # Each person got one email: a confirmation or their place on the waitlist.
    assert OutgoingEmail.objects.count() == PEOPLE
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(
        person.email for person in people
    )
