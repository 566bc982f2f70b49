"""``make dev``: the embedded default for development, with Django's debug pages, static files
straight from the source folders and the web server reloading on every change. ``make run`` shows
the portal as its visitors see it instead (nordicsafe.settings.run)."""

from nordicsafe.settings import base, inherit

inherit(globals(), base)

DEBUG = True
SECRET_KEY = base.SECRET_KEY or base.secret_key_from_var_dir()
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
