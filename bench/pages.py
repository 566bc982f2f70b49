"""What bench/run.py measures: every public page, and two baselines to compare them with.

bench/run.py imports this module after ``django.setup()``, against the seeded benchmark database,
so a URL may be a callable that works its path out at run time (from the ORM, the static files
manifest...). A callable that returns None means "nothing to measure": the row is skipped.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.templatetags.static import static


@dataclass(frozen=True)
class Url:
    path: str | Callable[[], str | None]
    # Shown in the table instead of the path, e.g. "/en/cities/<city>/" for a resolved path.
    label: str = ""
    # A Cookie header's value for a signed-in page (made at run time), "" for an anonymous one.
    cookie: Callable[[], str] | None = None

    def resolve(self) -> str | None:
        return self.path() if callable(self.path) else self.path

    def title(self, resolved: str | None) -> str:
        return self.label or resolved or "?"


def static_file(name: str) -> Callable[[], str]:
    """The URL the templates use for a static file: hashed by the manifest, served by WhiteNoise."""
    return lambda: static(name)


def first_live_page(model: str, language: str = "en", **filters) -> Callable[[], str | None]:
    """The path of the first live, public page of ``model`` ("app_label.ModelName") in a language,
    among those matching ``filters``.

    For pages whose slug only the seeded data knows, e.g. a city's page.
    """

    def resolve() -> str | None:
        page = (
            apps.get_model(model)
            .objects.live()
            .public()
            .filter(locale__language_code=language, **filters)
            .order_by("path")
            .first()
        )
        parts = page.get_url_parts() if page else None
        return parts[2] if parts else None

    return resolve


def archived_issue() -> str | None:
    """The web version of the newest issue sent, if the demo sent one."""
    from newsletter.selectors import archive_list

    issues = archive_list(language="en")
    return f"/en/newsletter/archive/{issues[0].pk}/" if issues else None


# The baselines: no Python view at all, and a view that does nothing behind the full middleware
# stack. Every page's req/s is reported as a ratio of TRIVIAL's.
STATIC = Url(static_file("css/site.css"), label="static css/site.css (baseline)")
TRIVIAL = Url("/bench/trivial/", label="/bench/trivial/ (baseline)")
BASELINES = [STATIC, TRIVIAL]

# Every public page type, anonymous; each feature adds its pages here.
PAGES = [
    Url("/en/"),
    Url("/sv/"),
    Url("/en/about/"),
    Url("/en/accounts/login/"),
    Url("/en/cities/"),
    Url("/en/cities/?country=SE"),
    Url(first_live_page("cities.CityPage"), label="/en/cities/<city>/"),
    Url("/en/cities/partners/"),
    Url("/en/join/"),
    Url("/en/knowledge/"),
    Url("/en/knowledge/?focus_area=safe-online-sphere&country=SE"),
    Url("/en/knowledge/?page=2"),
    Url("/en/knowledge/?q=youth"),
    Url("/en/knowledge/?q=youth&focus_area=strong-youth-engagement"),
    Url("/en/search/?q=youth"),
    Url(
        first_live_page("knowledge.CaseStudyPage", visibility="public"),
        label="/en/cities/<city>/<case-study>/",
    ),
    Url(first_live_page("knowledge.ResourcePage"), label="/en/knowledge/<resource>/"),
    Url("/en/charter/"),
    Url("/en/charter/actions/"),
    Url("/en/charter/actions/?focus_area=strong-families&country=SE"),
    Url("/en/events/"),
    Url("/en/events/?format=in_person&page=2"),
    Url(
        first_live_page("events.EventPage", slug="nordic-meetup-safe-urban-spaces"),
        label="/en/events/<event>/",
    ),
    Url("/en/newsletter/"),
    Url("/en/newsletter/archive/"),
    Url(archived_issue, label="/en/newsletter/archive/<issue>/"),
]


def secretariat_session() -> str:
    """A session of a secretariat member who gave the password and a second factor, as the
    admin requires (``accounts.permissions``): the Cookie header that carries it."""
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from django.conf import settings
    from django.test import Client

    from accounts.models import Role, User
    from accounts.services import user_create, user_grant_role

    email = "bench.secretariat@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, name="Bench", password=None, language="en", verified=True)
        user_grant_role(user=user, role=Role.SECRETARIAT)
    authenticator = (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        or TOTP.activate(user, generate_totp_secret()).instance
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": email},
        {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# Signed-in pages, measured with a session (not in the cached pass: no page cache for them).
SIGNED_IN = [
    Url(
        "/admin/charter/network/",
        label="/admin/charter/network/ (secretariat)",
        cookie=secretariat_session,
    ),
]
