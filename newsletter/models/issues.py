from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail.search import index

from charter.models import focus_areas_field
from charter.widgets import FocusAreaCheckboxes
from newsletter.blocks import IssueStreamBlock


class Segment(models.TextChoices):
    EVERYONE = "everyone", _("Every subscriber")
    MEMBERS = "members", _("Members of the network (coordinators and the secretariat)")
    COORDINATORS = "coordinators", _("City coordinators only")


class Issue(TranslatableMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """One newsletter: its subject and body in each language (translated with wagtail-localize;
    a subscriber whose language has no translation gets the English one), and who receives it.

    The segment, languages and focus areas are the English issue's: a translation only says the
    same in another language. Sending is ``Sending``'s, once per issue."""

    subject = models.CharField(_("subject"), max_length=200)
    body = StreamField(IssueStreamBlock(), verbose_name=_("body"))
    segment = models.CharField(
        _("who receives it"), max_length=20, choices=Segment.choices, default=Segment.EVERYONE
    )
    languages = ParentalManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
        help_text=_("Subscribers who read these languages. None chosen: every language."),
    )
    focus_areas = focus_areas_field()
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("subject"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("segment"),
                FieldPanel("languages", widget=CheckboxSelectMultiple),
                FieldPanel("focus_areas", widget=FocusAreaCheckboxes),
            ],
            heading=_("Recipients"),
            help_text=_(
                "Subscribers who chose no topic receive every issue; the others, the issues on"
                " their topics and those on no topic."
            ),
        ),
    ]
    search_fields = [index.SearchField("subject"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "newsletter/email/issue.html"

    def get_preview_context(self, request, mode_name):
        from newsletter.sending.rendering import issue_preview_context

        return issue_preview_context(issue=self, request=request)

    def serve_preview(self, request, mode_name):
        """The email in the issue's own language, its frame included (the editor's preview panel
        runs in the admin's language): rendered inside the override, not later."""
        with translation.override(self.preview_language()):
            response = super().serve_preview(request, mode_name)
            response.render()
        return response

    def preview_language(self) -> str:
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE


class SendingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Sending(models.Model):
    """The sending of one issue (its English original stands for every translation): scheduled
    for a time, then fanned out into one ``Delivery`` per recipient, and sent when none is left.

    What each language's email said is kept (``rendered``, made once per language at the fan-out)
    for the deliveries, the archive and its feed: the issue may be edited after it went out."""

    issue = models.OneToOneField(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="sending"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SendingStatus.choices, default=SendingStatus.SCHEDULED
    )
    scheduled_for = models.DateTimeField(_("send at"))
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    # {language: {"subject": ..., "html": ..., "text": ...}}: each subscriber's links are put in
    # at sending (``newsletter.sending``).
    rendered = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SendingStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "scheduled_for"], name="newsletter_due")]

    def __str__(self):
        return f"{self.issue} ({self.get_status_display()})"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    CLAIMED = "claimed", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent: unsubscribed meanwhile")


class Delivery(models.Model):
    """One issue to one subscriber, exactly once: claimed by a worker with a conditional update,
    marked sent the moment the mail server accepted it, handed back if the worker died
    (``claimed_at`` older than the lease) or the server answered "try again later"
    (``next_attempt_at``, with backoff), failed for good on a permanent refusal, skipped when
    the subscriber left before it went out."""

    sending = models.ForeignKey(
        Sending, verbose_name=_("sending"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "subscriber"], name="%(app_label)s_%(class)s_once"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["sending", "status", "id"], name="newsletter_delivery_state"),
        ]

    def __str__(self):
        return f"{self.sending_id} → {self.subscriber_id} ({self.status})"
