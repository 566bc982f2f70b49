import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PagePermissionTester
from wagtail.search import index

from accounts.permissions import user_is_secretariat
from charter.models import focus_areas_field
from charter.widgets import FocusAreaCheckboxes
from cities.selectors import coordinated_membership
from core.app_modules import app_modules
from core.models import CANONICAL_LOCALE, BasePage
from events.blocks import AgendaBlock, SpeakersBlock

# The time zones of the five countries, by the name an organiser knows.
NORDIC_TIME_ZONES = [
    ("Europe/Copenhagen", _("Denmark (Copenhagen)")),
    ("Europe/Helsinki", _("Finland (Helsinki)")),
    ("Atlantic/Reykjavik", _("Iceland (Reykjavík)")),
    ("Europe/Oslo", _("Norway (Oslo)")),
    ("Europe/Stockholm", _("Sweden (Stockholm)")),
]


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the network only")
    PUBLIC = "public", _("Open to the public")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class EventsIndexPage(BasePage):
    """``/events/``: upcoming and past meetups, filtered by focus area, country, city, format."""

    content_panels = BasePage.content_panels
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    def get_context(self, request, *args, **kwargs):
        from events.selectors import event_list

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = event_list(language=get_language(), params=request.GET)
        return context


class EventPageForm(WagtailAdminPageForm):
    """The organiser types the times as the clock shows them where the event happens (its time
    zone), whatever their own: they are shown that way here and stored in UTC."""

    LOCAL_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zoneinfo.ZoneInfo(self.instance.time_zone)
        for name in self.LOCAL_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)
        # The secretariat chooses any host city; a coordinator only their own (active) city.
        self.any_host = self.for_user is None or user_is_secretariat(self.for_user)
        self.drafting_city = None if self.any_host else coordinated_city(self.for_user)
        if self.drafting_city is not None and not self.initial.get("host_city"):
            self.initial["host_city"] = self.drafting_city.pk

    def clean(self):
        cleaned = super().clean()
        city = self.drafting_city
        if not self.any_host and city is None:
            self.add_error(None, _("Only the coordinators of a member city may draft meetups."))
        elif city is not None and "host_city" in self.fields:
            host = cleaned.get("host_city")
            if host is None or host.pk != city.pk:
                self.add_error(
                    "host_city",
                    _("You may draft the meetups your city hosts: choose %(city)s.")
                    % {"city": city.title},
                )
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or self.instance.time_zone)
        for name in self.LOCAL_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                # Django read it in the server's zone: the clock reading, in the event's zone.
                cleaned[name] = timezone.make_aware(timezone.make_naive(value), zone)
        return cleaned


def coordinated_city(user):
    """The city page of the active member city ``user`` coordinates, whose meetups they may draft
    (``events.workflow``), or None."""
    membership = coordinated_membership(user)
    return membership.city_page if membership is not None and membership.is_active else None


class HostCityPermissionTester(PagePermissionTester):
    """Wagtail's rules, and the coordinators of a meetup's host city (an active member) may edit
    it too, whoever of them drafted it; publishing stays with the secretariat."""

    def can_edit(self):
        if super().can_edit():
            return True
        city = coordinated_city(self.user)
        return city is not None and self.page.host_city_id == city.pk


class EventPage(RoutablePageMixin, BasePage):
    """A Nordic meetup: its time in its own time zone, its place (a member city, or online), its
    capacity and registration window, and who may come. Registering and cancelling are sub-routes
    (``register/``, ``cancel/``); the calendar file is ``events.urls``' (``calendar.ics``)."""

    base_form_class = EventPageForm

    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    speakers = StreamField(SpeakersBlock(), verbose_name=_("speakers"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=NORDIC_TIME_ZONES, default="Europe/Oslo"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    host_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=CANONICAL_LOCALE,
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("address"), blank=True, max_length=500)
    venue_url = models.URLField(_("venue's web page"), blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to confirmed participants, and in their emails."),
    )
    capacity = models.PositiveIntegerField(_("seats"), default=50)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(
        _("who may register"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    focus_areas = focus_areas_field()
    language = models.CharField(
        _("language spoken"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Registrants are told, and their calendars mark the event cancelled."),
    )
    # Raised with every change of time or place: calendars replace the older copy (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The time and place registrants were last told of (``events.notices``).
    notified_state = models.JSONField(default=dict, editable=False)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("language"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("host_city"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_url"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("is_cancelled"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("focus_areas", widget=FocusAreaCheckboxes),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.FilterField("starts_at"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["events.EventsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.format == EventFormat.IN_PERSON and not self.venue_address.strip():
            errors["venue_address"] = _("Give the address of the venue.")
        if self.format == EventFormat.ONLINE and not self.online_url:
            errors["online_url"] = _("Give the link to the online meeting.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision brings the editor's fields, never the record of what registrants were
        told: publishing an older revision must not turn the calendar SEQUENCE back."""
        page = super().with_content_json(content)
        # From the row, not from ``self``: the instance that made the revision may be older.
        current = type(self).objects.filter(pk=self.pk).values("sequence", "notified_state").first()
        if current is not None:
            page.sequence = current["sequence"]
            page.notified_state = current["notified_state"]
        return page

    def permissions_for_user(self, user):
        return HostCityPermissionTester(user, self)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_members_only(self) -> bool:
        return self.audience == Audience.MEMBERS

    def registration_state(self, now=None) -> str:
        """ "open", "not_yet", "closed" or "cancelled"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        closes = self.registration_closes_at or self.starts_at
        if now >= closes:
            return "closed"
        return "open"

    def get_context(self, request, *args, **kwargs):
        from events.forms import RegistrationForm
        from events.selectors import event_detail, host_city_title

        context = super().get_context(request, *args, **kwargs)
        context["detail"] = detail = event_detail(page=self, user=request.user)
        context["host_city_title"] = host_city_title(page=self)
        if detail.may_register:
            context["form"] = RegistrationForm()
        # The index's URL from this page's own, without a query for the parent.
        context["index_url"] = (self.get_url(request) or "").rstrip("/").rsplit("/", 1)[0] + "/"
        # Each app may add its sections (``<app>/event_page.py``:
        # ``event_page_context(page=, request=)``): the library, what came out of the meetup.
        for module in app_modules("event_page"):
            context.update(module.event_page_context(page=self, request=request))
        return context

    @path("register/")
    def register(self, request):
        from events.views import register

        return register(request, page=self)

    @path("cancel/")
    def cancel(self, request):
        from events.views import cancel_own

        return cancel_own(request, page=self)
