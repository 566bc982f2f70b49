from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.translation import get_language

from accounts.selectors import user_language_for_email
from core.services import email_queue


class AccountAdapter(DefaultAccountAdapter):
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
