"""Reads of the knowledge library: each module's selectors say what they fetch and how many
queries. ``library``: the library; ``search``: the site search; ``detail``: one case study or
resource; ``outward``: feeds, sitemap and the public API."""

from knowledge.selectors.detail import case_study_detail
from knowledge.selectors.library import library

__all__ = ["case_study_detail", "library"]
