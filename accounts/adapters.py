import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_cache_key, get_ip, get_rates

from django import forms
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
    account locked for everyone because a stranger elsewhere guessed at its password.
    """

    def _get_login_attempts_cache_key(self, request, **credentials):
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        """allauth's check, with a refusal that says for how long, in the person's language."""
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            minutes = math.ceil(self._seconds_locked(request, **credentials) / 60) or 1
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-ins. Try again in %(minutes)s minute.",
                    "Too many failed sign-ins. Try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="too_many_login_attempts",
            ) from None

    def _seconds_locked(self, request, **credentials) -> float:
        """How long until the rule that refused has room again: the oldest failure it still
        counts, plus its period."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        now = time.time()
        waits = [0.0]
        for rate in get_rates(app="allauth.account", action="login_failed"):
            history = cache.get(
                get_cache_key(
                    request, app="allauth.account", action="login_failed", rate=rate, key=key
                ),
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
