"""The embedded default for a developer machine (``make run``)."""

from nordicsafe.settings import base, inherit

inherit(globals(), base)

DEBUG = True
# A fixed key is fine on a developer's own machine; production refuses to start without one.
SECRET_KEY = base.SECRET_KEY or "dev-only-not-secret-nordic-safe-cities"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
