"""The test settings for a web server or Celery worker that a test starts as a process of its own
(tests/core/test_faults.py), pointed by the environment at the test's database and broker.

Tasks go through the broker, as in production, rather than running where they are called; mail
leaves through SMTP when SMTP_HOST is set (nordicsafe.settings.base); the anonymous page cache is
on when PAGE_CACHE_SECONDS says so.
"""

import os

from nordicsafe.settings import inherit, test

inherit(globals(), test)

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
