from modelcluster.fields import ParentalManyToManyField

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from accounts.permissions import user_is_network_member
from charter.models import focus_areas_field
from charter.widgets import FocusAreaCheckboxes
from core.models import CANONICAL_LOCALE
from knowledge.blocks import CaseStudyStreamBlock
from knowledge.models.base import SummaryPage

# Names of the target groups: interface strings, translated in locale/.
TARGET_GROUP_NAMES = {
    "children-young-people": _("Children and young people"),
    "families": _("Families"),
    "schools": _("Schools"),
    "online-communities": _("Online communities"),
    "public-employees": _("Public employees"),
    "civil-society": _("Civil society"),
    "local-communities": _("Local communities"),
    "police-justice": _("Police and justice"),
}


class TargetGroup(models.Model):
    """Who a practice is for. The rows are reference data; names come from the catalogs."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position"]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        return TARGET_GROUP_NAMES.get(self.code, self.code)


class CaseStudyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class EvidenceLevel(models.TextChoices):
    IDEA = "idea", _("Idea")
    IMPLEMENTED = "implemented", _("Implemented")
    EVALUATED = "evaluated", _("Evaluated")
    EXTERNALLY_EVALUATED = "externally_evaluated", _("Externally evaluated")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members of the network only")


class ReadableQuerySetMixin:
    """Who may read a case study, decided here for every page, listing, search and feed (and the
    library's rows of them, ``LibraryEntry``): members-only case studies are for members of the
    network (``user_is_network_member``). The queryset's model has a ``visibility`` field."""

    def readable_by(self, user):
        if user_is_network_member(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def hidden_from(self, user):
        """The complement of ``readable_by``, for excluding from a wider queryset of pages."""
        if user_is_network_member(user):
            return self.none()
        return self.exclude(visibility=Visibility.PUBLIC)


class CaseStudyQuerySet(ReadableQuerySetMixin, PageQuerySet):
    pass


class CaseStudyPage(SummaryPage):
    """A member city's practice, written by its coordinators below the city's page and published
    after the secretariat's approval. Members-only case studies never reach anonymous visitors."""

    objects = PageManager.from_queryset(CaseStudyQuerySet)()

    body = StreamField(CaseStudyStreamBlock(), verbose_name=_("body"), blank=True)
    focus_areas = focus_areas_field(blank=False)
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    period_start = models.DateField(_("started"))
    period_end = models.DateField(_("ended"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStudyStatus.choices, default=CaseStudyStatus.ONGOING
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=24,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.IMPLEMENTED,
    )
    partners = ParentalManyToManyField(
        "cities.Partner", verbose_name=_("partners involved"), blank=True, related_name="+"
    )
    adopted_by = ParentalManyToManyField(
        "cities.CityPage",
        verbose_name=_("also adopted by"),
        blank=True,
        related_name="+",
        limit_choices_to=CANONICAL_LOCALE,
        help_text=_("Other member cities that took up this practice."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Sensitive prevention work can be shared with the network's members only."),
    )
    # The language its city wrote it in: the copies in the other languages are translations of
    # that one, and say so (``knowledge.selectors.case_study_original``). Blank: written in the
    # language of the page the others are translated from, English as a rule.
    original_language = models.CharField(
        _("originally written in"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language the city wrote the case study in. Its copies in the other languages say "
            "they are translations and link to the original. Leave empty if it was written in "
            "English."
        ),
    )

    content_panels = [
        *SummaryPage.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("focus_areas", widget=FocusAreaCheckboxes),
                FieldPanel("target_groups", widget=CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("status"), FieldPanel("evidence_level")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("adopted_by")], heading=_("Who was involved")
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")
        ),
        FieldPanel("visibility"),
        FieldPanel("original_language"),
        *SummaryPage.meetup_panels,
    ]
    search_fields = [
        *SummaryPage.search_fields,
        index.FilterField("visibility"),
        index.FilterField("status"),
        index.FilterField("evidence_level"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["cities.CityPage"]
    # wagtail-localize makes a field with choices a synchronised one (copied from the source page
    # to every translation) that a translator may override; the original's language is a fact
    # about the case study, the same in every copy, so no translation overrides it.
    override_translatable_fields = [SynchronizedField("original_language", overridable=False)]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end cannot come before the start.")})

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    def is_readable_by(self, user) -> bool:
        """``readable_by`` for this one page, without a query."""
        return not self.is_members_only or user_is_network_member(user)

    def serve(self, request, *args, **kwargs):
        if not self.is_readable_by(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)

    def permissions_for_user(self, user):
        """Under the secretariat's workflow, only its reviewers publish (knowledge.workflow)."""
        from core.workflow import ModeratedPagePermissionTester

        return ModeratedPagePermissionTester(user, self)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_members_only else super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import case_study_detail, case_study_original

        context = super().get_context(request, *args, **kwargs)
        context["detail"] = case_study_detail(case_study=self, user=request.user)
        context["original"] = case_study_original(case_study=self, request=request)
        context["hero_image"] = context["detail"].hero_image  # cached with the detail
        return context
