"""What a visitor of ``make run`` meets: the portal's branded 404 and 500 pages in their language,
never Django's debug page; static files collected and hashed as in production; uploaded files.

The web server is gunicorn, as in ``make run``, in a process of its own with the settings of
``make run`` (nordicsafe.settings.test_run: nordicsafe.settings.run with one more address, which
fails), on this test run's database and a ``var/`` folder of its own, whose static files are
collected as ``make run`` collects them. It only reads the database: the public shell.
"""

import importlib
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from demo import shell
from nordicsafe.settings import base
from tests.core.fault_tools import Gunicorn, process_env
from tests.newsletter.world import in_language

DEBUG_PAGE = "DEBUG = True"
HEADING = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)
STYLESHEET = re.compile(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """The web server of ``make run``, serving this test run's public shell."""
    var = tmp_path_factory.mktemp("make-run")
    with django_db_blocker.unblock():
        shell.seed(scale=1, log=lambda text: None)  # there already, unless a test emptied it
    storages = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    with override_settings(STATIC_ROOT=var / "static", STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    env = process_env(
        DJANGO_SETTINGS_MODULE="nordicsafe.settings.test_run", VAR_DIR=str(var), REDIS_URL=""
    )
    server = Gunicorn(env, var / "web.log", workers=1)
    server.start()
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def heading(html: str) -> str:
    return HEADING.search(html)[1].strip()


def test_make_run_has_debugging_off(monkeypatch):
    monkeypatch.setattr(base, "SECRET_KEY", "test-only")  # draws no key into var/
    run = importlib.import_module("nordicsafe.settings.run")

    assert run.DEBUG is False


class TestMakeRun:
    @pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
    def test_an_unknown_address_answers_the_branded_404_in_its_language(self, portal, language):
        response = portal.request("GET", f"/{language}/no-such-page/")

        assert response.status == 404
        assert heading(response.body) == in_language(language, "Page not found")
        assert f'<html lang="{language}"' in response.body
        assert DEBUG_PAGE not in response.body

    def test_an_address_without_a_language_goes_to_the_visitors_language_first(self, portal):
        response = portal.request("GET", "/no-such-page/", headers={"Accept-Language": "sv"})

        assert response.status == 302
        assert response.headers["location"] == "/sv/no-such-page/"
        answer = portal.request("GET", response.headers["location"])
        assert answer.status == 404
        assert heading(answer.body) == in_language("sv", "Page not found")

    @pytest.mark.parametrize("language", ["fi", "sv"])
    def test_a_failure_answers_the_branded_500_in_its_language(self, portal, language):
        response = portal.request("GET", f"/{language}/test-failure/")

        assert response.status == 500
        assert heading(response.body) == in_language(language, "Something went wrong")
        assert f'href="/{language}/"' in response.body
        assert "Traceback" not in response.body and DEBUG_PAGE not in response.body

    def test_the_pages_static_files_are_the_collected_hashed_ones(self, portal):
        page = portal.request("GET", "/fi/no-such-page/")
        stylesheet = STYLESHEET.search(page.body)[1]

        response = portal.request("GET", stylesheet)

        assert response.status == 200
        assert response.headers["content-type"].startswith("text/css")
        assert "immutable" in response.headers["cache-control"]

    def test_an_uploaded_file_is_served_and_nothing_outside_the_uploads(self, portal):
        var = Path(portal.env["VAR_DIR"])
        (var / "media" / "documents").mkdir(parents=True)
        (var / "media" / "documents" / "minutes.txt").write_text("Minutes of the Bergen meetup.")

        response = portal.request("GET", "/media/documents/minutes.txt")

        assert response.status == 200
        assert response.body == "Minutes of the Bergen meetup."
        escape = portal.request("GET", "/media/documents/%2e%2e/%2e%2e/secret_key")
        assert escape.status in (400, 404)
        assert (var / "secret_key").read_text() not in escape.body

    def test_signing_in_works_over_plain_http(self, portal):
        response = portal.request("GET", "/en/accounts/login/")

        assert response.status == 200
        assert "csrftoken=" in response.headers["set-cookie"]
        assert "secure" not in response.headers["set-cookie"].lower()
