"""``make run``: the portal as its visitors see it, on the embedded default (SQLite, the filesystem
Celery broker, emails as files, the local-memory cache) or on what DATABASE_URL and REDIS_URL name.

Debugging is off: an unknown address or a failure answers the branded 404 and 500 pages in the
visitor's language, never Django's debug page (which lists every URL pattern and shows server
paths and settings). Static files are the collected, hashed and compressed ones (``make run`` runs
collectstatic first), served by WhiteNoise with their long cache headers, as in production.
Unlike production it needs no environment and speaks plain HTTP on 127.0.0.1: its key is drawn
into ``var/`` on the first start, and no cookie is marked HTTPS-only. ``make dev`` is for
development (nordicsafe.settings.dev).
"""

from nordicsafe.settings import base, inherit

inherit(globals(), base)

DEBUG = False
SECRET_KEY = base.SECRET_KEY or base.secret_key_from_var_dir()
# Django's development server serves no uploaded file once debugging is off, and no web server
# stands in front of it here: the portal answers /media/ itself (nordicsafe/urls.py).
SERVE_MEDIA = True
