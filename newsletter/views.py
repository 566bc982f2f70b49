"""The newsletter's public pages: subscribe, confirm, preferences and unsubscribe from the
links in the emails, and a signed-in person's subscription in their account.

The pages of a link are never cached (the anonymous page cache keeps nothing marked private) and
each write is a ``newsletter.services`` call with the consent sentence the page showed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.rate_limits import client_address, rate_limited
from newsletter import services, wording
from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.models import Subscriber, SubscriberStatus
from newsletter.selectors import archive_issue as archived_issue
from newsletter.selectors import archive_list, subscriber_for_user

# Subscription requests from one client address per hour before /newsletter/ asks it to wait.
SUBSCRIBE_RATE_LIMIT = 10
SUBSCRIBE_RATE_WINDOW = 3600


def consent_source(request, sentence: str) -> services.ConsentSource:
    address = client_address(request)
    try:
        validate_ipv46_address(address)
    except ValidationError:
        address = None
    return services.ConsentSource(
        path=request.path, ip_address=address, wording=sentence, language=get_language()
    )


def _preferences_initial(subscriber: Subscriber | None) -> dict:
    if subscriber is None:
        return {"language": get_language()}
    return {"language": subscriber.language, "interests": list(subscriber.interests.all())}


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """``/newsletter/``: the answer is the same whether the address was subscribed or not."""
    form = SubscribeForm(request.POST or None, initial={"language": get_language()})
    sentence = str(wording.SUBSCRIBE)
    if request.method == "POST":
        if rate_limited(
            request, scope="newsletter", limit=SUBSCRIBE_RATE_LIMIT, window=SUBSCRIBE_RATE_WINDOW
        ):
            form.add_error(None, _("Too many requests from your network. Try again later."))
        elif form.is_valid() and not form.is_spam:
            data = form.cleaned_data
            services.subscriber_subscribe(
                email=data["email"],
                language=data["language"],
                interests=data["interests"],
                source=consent_source(request, sentence),
            )
            return redirect("newsletter:thanks")
        elif form.is_valid():
            # A robot filled in the honeypot: answer as if it worked, store nothing.
            return redirect("newsletter:thanks")
    status = 400 if form.errors else 200
    context = {"form": form, "consent_wording": sentence}
    return render(request, "newsletter/subscribe.html", context, status=status)


def thanks(request):
    """ "Check your inbox", after every subscription request."""
    return render(request, "newsletter/thanks.html")


def _link_invalid(request, error: services.LinkError):
    return render(request, "newsletter/link_invalid.html", {"reason": str(error)}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The confirmation link: a GET asks (mail scanners open links), the POST confirms, once."""
    try:
        subscriber, nonce = services.subscriber_from_confirm_token(token)
    except services.LinkError as error:
        return _link_invalid(request, error)
    sentence = wording.CONFIRM % {"email": subscriber.email}
    if request.method == "POST":
        try:
            subscriber = services.subscriber_confirm(
                subscriber=subscriber, nonce=nonce, source=consent_source(request, sentence)
            )
        except services.LinkError as error:
            return _link_invalid(request, error)
        context = {
            "subscriber": subscriber,
            "preferences_url": services.preferences_url(subscriber),
        }
        return render(request, "newsletter/confirmed.html", context)
    context = {"subscriber": subscriber, "consent_wording": sentence}
    return render(request, "newsletter/confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    """The preferences link of every email: language and topics, and a way out."""
    try:
        subscriber = services.subscriber_from_manage_token(token)
    except services.LinkError as error:
        return _link_invalid(request, error)
    return _preferences_page(
        request,
        subscriber,
        template="newsletter/preferences.html",
        extra={"unsubscribe_path": reverse("newsletter:unsubscribe", args=[token])},
    )


def _preferences_page(request, subscriber: Subscriber, *, template: str, extra: dict):
    """The preferences form of ``subscriber`` (from a link or from the account)."""
    open_ = subscriber.status in (SubscriberStatus.PENDING, SubscriberStatus.ACTIVE)
    sentence = str(wording.PREFERENCES)
    form = PreferencesForm(
        request.POST if request.method == "POST" and open_ else None,
        initial=_preferences_initial(subscriber),
    )
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.subscriber_preferences_update(
                subscriber=subscriber,
                language=form.cleaned_data["language"],
                interests=form.cleaned_data["interests"],
                source=consent_source(request, sentence),
            )
        except services.SubscriptionClosed as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your preferences are saved."))
            return redirect(request.path)
    context = {
        "subscriber": subscriber,
        "open": open_,
        "form": form,
        "consent_wording": sentence,
        **extra,
    }
    return render(request, template, context, status=400 if form.errors else 200)


@csrf_exempt  # the one-click POST of a mail program carries no CSRF token (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The unsubscribe link of every email. A GET asks, with one button; a POST unsubscribes,
    from that button or from a mail program's own one-click button (``List-Unsubscribe-Post``,
    body ``List-Unsubscribe=One-Click``). The signed link is the credential."""
    try:
        subscriber = services.subscriber_from_manage_token(token)
    except services.LinkError as error:
        return _link_invalid(request, error)
    sentence = wording.UNSUBSCRIBE % {"email": subscriber.email}
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") == "One-Click":
            sentence = str(wording.ONE_CLICK)
        services.subscriber_unsubscribe(
            subscriber=subscriber, source=consent_source(request, sentence)
        )
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    context = {"subscriber": subscriber, "consent_wording": sentence}
    return render(request, "newsletter/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """``/accounts/newsletter/``: the signed-in person's subscription at their account's
    address: subscribe (at once: the account's address is verified), change the preferences,
    unsubscribe."""
    subscriber = subscriber_for_user(user=request.user)
    if subscriber is not None and subscriber.status == SubscriberStatus.ACTIVE:
        unsubscribe_sentence = wording.UNSUBSCRIBE % {"email": subscriber.email}
        if request.method == "POST" and request.POST.get("action") == "unsubscribe":
            services.subscriber_unsubscribe(
                subscriber=subscriber, source=consent_source(request, unsubscribe_sentence)
            )
            messages.success(request, _("You are unsubscribed from the newsletter."))
            return redirect("newsletter:account")
        return _preferences_page(
            request,
            subscriber,
            template="newsletter/account.html",
            extra={"unsubscribe_wording": unsubscribe_sentence},
        )
    sentence = str(wording.SUBSCRIBE)
    form = PreferencesForm(request.POST or None, initial=_preferences_initial(subscriber))
    if request.method == "POST" and form.is_valid():
        services.subscriber_subscribe_account(
            user=request.user,
            language=form.cleaned_data["language"],
            interests=form.cleaned_data["interests"],
            source=consent_source(request, sentence),
        )
        messages.success(request, _("You are subscribed to the newsletter."))
        return redirect("newsletter:account")
    context = {"subscriber": subscriber, "form": form, "consent_wording": sentence}
    return render(request, "newsletter/account.html", context, status=400 if form.errors else 200)


def archive(request):
    """``/newsletter/archive/``: the issues sent, each as it went out in this language."""
    issues = archive_list(language=get_language())
    return render(request, "newsletter/archive.html", {"issues": issues})


def archive_issue(request, pk: int):
    """``/newsletter/archive/<issue>/``: the web version of an issue sent."""
    issue = archived_issue(pk=pk, language=get_language())
    if issue is None:
        raise Http404
    return render(request, "newsletter/archive_issue.html", {"issue": issue})
