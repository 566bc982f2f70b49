"""The settings of ``make run`` (nordicsafe.settings.run) for the web server that
tests/core/test_error_pages.py starts as a process of its own, pointed by the environment at the
test's database and a ``var/`` folder of its own: the same, with one more address that fails
(tests/core/failing_urls.py), to show the 500 page."""

from nordicsafe.settings import inherit, run

inherit(globals(), run)

ROOT_URLCONF = "tests.core.failing_urls"
