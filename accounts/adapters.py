import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import consume, get_cache_key, get_ip, get_rates

from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import get_language, ngettext

from accounts.selectors import user_language_for_email
from core.services import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Emails through the outbox, and failed sign-ins counted per account and address.

    ``ACCOUNT_RATE_LIMITS["login_failed"]`` has two rules: a few failures per account *from one
    client address* (the "key" below), and a higher ceiling per address alone. A city hall
    behind one address is not locked out because someone there mistyped five times, nor is an
    account locked for everyone because a stranger elsewhere guessed at its password. Above
    both, ``LOGIN_FAILED_PER_ACCOUNT`` caps the failures per account from all addresses
    together, so that guessing from many addresses gets no further.
    """

    ACCOUNT_ACTION = "login_failed_account"

    def _get_login_attempts_cache_key(self, request, **credentials):
        return f"{self._account_key(request, **credentials)}:{get_ip(request)}"

    def _account_key(self, request, **credentials) -> str:
        return super()._get_login_attempts_cache_key(request, **credentials)

    def _account_rates(self) -> dict[str, str]:
        return {self.ACCOUNT_ACTION: settings.LOGIN_FAILED_PER_ACCOUNT}

    def pre_authenticate(self, request, **credentials):
        """allauth's check and the ceiling per account, with a refusal that says for how long,
        in the person's language."""
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            self._refuse(
                self._seconds_locked(
                    request,
                    action="login_failed",
                    key=self._get_login_attempts_cache_key(request, **credentials),
                )
            )
        account = self._account_key(request, **credentials)
        self._account_rl_usage = consume(
            request,
            app="allauth.account",
            action=self.ACCOUNT_ACTION,
            config=self._account_rates(),
            key=account,
        )
        if not self._account_rl_usage:
            self._refuse(self._seconds_locked(request, action=self.ACCOUNT_ACTION, key=account))

    def _rollback_login_failed_rl_usage(self):
        """A successful sign-in gives back what its attempt counted, under every rule."""
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_rl_usage", None)
        if usage:
            usage.rollback()

    def _refuse(self, seconds: float):
        minutes = math.ceil(seconds / 60) or 1
        raise forms.ValidationError(
            ngettext(
                "Too many failed sign-ins. Try again in %(minutes)s minute.",
                "Too many failed sign-ins. Try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="too_many_login_attempts",
        ) from None

    def _seconds_locked(self, request, *, action: str, key: str) -> float:
        """How long until the rule that refused has room again: the oldest failure it still
        counts, plus its period."""
        now = time.time()
        waits = [0.0]
        config = self._account_rates() if action == self.ACCOUNT_ACTION else None
        for rate in get_rates(app="allauth.account", action=action, config=config):
            history = cache.get(
                get_cache_key(request, app="allauth.account", action=action, rate=rate, key=key),
                [],
            )
            recent = [stamp for stamp in history if stamp > now - rate.duration]
            if len(recent) >= rate.amount:
                waits.append(recent[rate.amount - 1] + rate.duration - now)
        return max(waits)

    def send_mail(self, template_prefix, email, context):
        """Every allauth email goes through the portal's email task, in the recipient's language."""
        language = user_language_for_email(email=email, default=get_language())
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        } | context
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        alternatives = getattr(message, "alternatives", [])
        html_body = next((content for content, kind in alternatives if kind == "text/html"), "")
        email_queue(
            to=email,
            subject=message.subject,
            text_body=message.body,
            html_body=html_body,
            language=language,
        )

    def get_login_redirect_url(self, request):
        """Back to where the person was going, else the front page in the language they use."""
        url = super().get_login_redirect_url(request)
        if url == "/":
            return f"/{get_language() or request.user.language}/"
        return url
