from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from cities.models.country import COUNTRY_NAMES
from core.app_modules import app_modules
from core.blocks import BaseStreamBlock
from core.models import BasePage
from core.workflow import UnmoderatedParentPermissionTester


class CitiesIndexPage(RoutablePageMixin, BasePage):
    """``/cities/``: the member cities on a map and in a list; ``/cities/partners/``."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["cities.CityPage"]

    class Meta:
        verbose_name = _("cities index page")

    def get_context(self, request, *args, **kwargs):
        from cities.selectors import city_directory

        context = super().get_context(request, *args, **kwargs)
        country = request.GET.get("country", "").upper()
        # The template keeps the directory's fragment per language and country asked (one of the
        # five, or none), and builds the directory only when that fragment is not at hand.
        context["directory_country"] = country if country in COUNTRY_NAMES else ""
        context["directory"] = SimpleLazyObject(
            lambda: city_directory(index_page=self, country_code=country)
        )
        return context

    @path("partners/", name="partners")
    def partners(self, request):
        from cities.selectors import partner_list

        # Not self.render(): that would build the city directory this page does not show. The
        # template calls ``partner_list`` only when its cached list is not at hand.
        context = {"page": self, "self": self, "request": request, "partners": partner_list}
        return TemplateResponse(request, "cities/partners.html", context)


class CityPage(BasePage):
    """A member city's profile. The city's coordinators may edit it and write pages below it."""

    country = models.ForeignKey(
        "cities.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(72)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-25), MaxValueValidator(32)],
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    portrait = StreamField(BaseStreamBlock(), verbose_name=_("portrait"), blank=True)
    challenges = StreamField(BaseStreamBlock(), verbose_name=_("current challenges"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("population"),
                FieldPanel("website"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("portrait"),
        FieldPanel("challenges"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("portrait"),
        index.SearchField("challenges"),
        index.FilterField("country"),
    ]
    parent_page_types = ["cities.CitiesIndexPage"]
    subpage_types = ["knowledge.CaseStudyPage"]

    class Meta:
        verbose_name = _("city page")
        verbose_name_plural = _("city pages")

    def get_context(self, request, *args, **kwargs):
        from cities.selectors import city_profile

        context = super().get_context(request, *args, **kwargs)
        context["profile"] = city_profile(city_page=self)
        # Each app may add its sections (``<app>/city_page.py``:
        # ``city_page_context(page=, request=)``).
        for module in app_modules("city_page"):
            context.update(module.city_page_context(page=self, request=request))
        return context

    def get_workflow(self):
        """A city's profile is its coordinators' own: they publish it without moderation."""
        return None

    def permissions_for_user(self, user):
        """The profile is published directly; new case studies below it are moderated."""
        return UnmoderatedParentPermissionTester(user, self)

    @property
    def country_code(self) -> str:
        return self.country.code
