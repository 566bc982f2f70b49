from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events import services
from events.calendar import event_calendar, feed_calendar
from events.forms import RegistrationForm
from events.models import EventPage, Registration, RegistrationStatus


def register(request, *, page: EventPage):
    """Register the signed-in person for the meetup (POST from its page)."""
    if request.method != "POST":
        return redirect(page.url)
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(
                event=page,
                user=request.user,
                data=services.RegistrationInput(**form.cleaned_data),
            )
        except services.RegistrationRefused as refused:
            form.add_error(None, refused)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("You are registered. A confirmation is on its way."))
            else:
                messages.info(
                    request,
                    _("The event is full: you are on the waitlist. We email you if a seat frees."),
                )
            return redirect(page.url)
    return page.render(
        request, context_overrides={"form": form}, template=page.get_template(request)
    )


def cancel_own(request, *, page: EventPage):
    """Cancel the signed-in person's own registration (POST from the event's page)."""
    if request.method != "POST" or not request.user.is_authenticated:
        return redirect(page.url)
    registration = (
        Registration.objects.filter(event=services.canonical_event(page), user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is not None:
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)


def calendar_file(request, slug: str):
    """``/events/<event>/calendar.ics``: the meetup's calendar file, in the language of the
    address (Wagtail's routing takes no file name with a dot)."""
    page = get_object_or_404(
        EventPage.objects.live().public(), slug=slug, locale__language_code=get_language()
    )
    response = HttpResponse(
        event_calendar(event=page, url=request.build_absolute_uri(page.url)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """``/events/my-calendar/``: the private address of one's meetup calendar, and a new one on
    request (the POST) when the old one has gone where it should not."""
    from events.selectors import calendar_feed_of

    if request.method == "POST":
        services.calendar_feed_renew(user=request.user)
        messages.success(
            request, _("Your calendar has a new address. The old one no longer works.")
        )
        return redirect("events:my_calendar")
    return render(request, "events/my_calendar.html", {"feed": calendar_feed_of(request.user)})


@require_http_methods(["GET", "POST"])
def cancel_by_link(request, token: str):
    """The cancellation link of a registration email: works without signing in, once. A GET
    asks for confirmation (mail scanners open links); the POST cancels."""
    registration = services.registration_from_cancel_token(token)
    if registration is None:
        return render(request, "events/cancel_invalid.html", status=400)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        return render(request, "events/cancel_done.html", {"event": registration.event})
    return render(request, "events/cancel_confirm.html", {"registration": registration})


def events_feed(request):
    """``/feeds/events.ics``: the upcoming meetups open to the public, to subscribe to."""
    from events.selectors import public_upcoming_events

    response = HttpResponse(
        feed_calendar(
            name=_("Nordic Safe Cities meetups"),
            events=[
                (event, request.build_absolute_uri(event.url)) for event in public_upcoming_events()
            ],
        ),
        content_type="text/calendar; charset=utf-8",
    )
    return response


def personal_feed(request, token: str):
    """``/feeds/my-meetups/<token>.ics``: the meetups a person has a seat at, for their calendar
    app to subscribe to. The unguessable token is the credential; an unknown one is a 404."""
    from django.http import Http404

    from events.selectors import personal_calendar

    found = personal_calendar(token=token)
    if found is None:
        raise Http404
    user, events = found
    with translation.override(user.language):
        name = _("My Nordic Safe Cities meetups")
    return HttpResponse(
        feed_calendar(
            name=name,
            events=[(event, request.build_absolute_uri(event.url)) for event in events],
        ),
        content_type="text/calendar; charset=utf-8",
    )
