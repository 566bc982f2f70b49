"""Signing in as a person does in the browser: the email address and password on allauth's form,
then, for an account with an authenticator app, the app's current code."""

from urllib.parse import quote

from django.utils import translation

from tests.factories.accounts import DEMO_PASSWORD, totp_code


def sign_in(
    page,
    base: str,
    email: str,
    *,
    password: str = DEMO_PASSWORD,
    totp_secret: str | None = None,
    check=None,
    language: str = "en",
    next_path: str = "",
) -> None:
    """Sign in on ``page`` at the live server ``base``, in ``language``, with the labels a person
    reads there. ``totp_secret`` answers the second step with a code that is not about to expire;
    ``check`` (``assert_accessible``) runs on the page of each step. It returns once the browser
    has arrived where signing in sends it (``next_path``, or the portal's choice)."""
    with translation.override(language):
        email_label = translation.gettext("Email")
        password_label = translation.gettext("Password")
        code_label = translation.gettext("Code")
        button = translation.gettext("Sign In")
    query = f"?next={quote(next_path)}" if next_path else ""
    page.goto(f"{base}/{language}/accounts/login/{query}")
    if check is not None:
        check(page)
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    if totp_secret is None:
        return
    assert page.url.split("?")[0].endswith("/accounts/2fa/authenticate/"), page.url
    if check is not None:
        check(page)
    page.get_by_label(code_label).fill(totp_code(totp_secret))
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
