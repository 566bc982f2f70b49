"""Reads of the knowledge library: each module's selectors say what they fetch and how many
queries. ``library``: the library and its search, with ``facets``: its filters and their
counts; ``detail``: one case study or resource; ``listings``: short lists for other apps' pages;
``public``: what may leave the site (the outward channels read it)."""

from knowledge.selectors.detail import case_study_detail, case_study_original
from knowledge.selectors.library import library_listing

__all__ = ["case_study_detail", "case_study_original", "library_listing"]
