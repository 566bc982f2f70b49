from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge.models.case_study import (
    CaseStudyStatus,
    EvidenceLevel,
    ReadableQuerySetMixin,
    Visibility,
)

# Several values in one column, each between separators, so that one can be matched with
# ``contains`` (",families,") and a row's set of them grouped on as it is.
SEPARATOR = ","


def joined(values) -> str:
    """``",a,b,"``: the values sorted, each between separators; "" for none."""
    values = sorted(values)
    return SEPARATOR + SEPARATOR.join(values) + SEPARATOR if values else ""


def split(text: str) -> list[str]:
    return [value for value in text.split(SEPARATOR) if value]


class LibraryEntryQuerySet(ReadableQuerySetMixin, models.QuerySet):
    pass


class LibraryEntry(models.Model):
    """A live case study in one language tree, as the library filters, counts, sorts and shows
    it: one narrow row each, so that the library reads no page, revision or tag table
    (``knowledge.selectors.library``).

    Kept in step with the page tree by ``knowledge.services.library_entries_sync``, which the
    receivers in ``knowledge.signals`` call on a case study's publish or unpublish, on its
    city's publish or unpublish, on a membership's change and on any move, and rebuilt by
    ``manage.py library_rebuild`` (``seed_demo`` and ``migrate`` run it). A deleted page takes
    its row with it. Whether a view restriction hides the page is decided when the library is
    read (``core.page_tree`` knows whether any page has one)."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    city_page = models.ForeignKey("cities.CityPage", on_delete=models.CASCADE, related_name="+")
    # Whether the library lists it: its city page is live and the city an active member.
    listed = models.BooleanField()
    # The page's tree path, for its view restrictions and those of its ancestors.
    path = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    summary = models.TextField()
    status = models.CharField(max_length=12, choices=CaseStudyStatus.choices)
    evidence_level = models.CharField(max_length=24, choices=EvidenceLevel.choices)
    period_start = models.DateField()
    year = models.PositiveSmallIntegerField()
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    # The focus areas' translation keys (hex) and the target groups' codes, ``joined``.
    focus_keys = models.TextField(blank=True)
    target_groups = models.TextField(blank=True)

    objects = LibraryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        indexes = [
            models.Index(
                fields=["locale", "listed", "-period_start", "-page"],
                name="knowledge_entry_newest",
            ),
            models.Index(
                fields=["locale", "listed", "title", "page"], name="knowledge_entry_title"
            ),
        ]

    def __str__(self):
        return self.title
