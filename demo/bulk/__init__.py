"""Bulk writes for the synthetic network of ``seed_demo --scale N`` (``demo.synthetic``), which
leave the rows the services would leave, at a fraction of the cost.

Most of what a service pays per page is side work: the search index (whose PostgreSQL backend
also recomputes title norms on every save) and Wagtail's reference index, each refreshed after
every save of every page. ``side_work_deferred()`` turns both off while the services run and does
them once, in bulk, at the end (``indexes``). The synthetic pages skip the services altogether:
``published_pages_add()`` writes pages with no aliases (the synthetic case studies and meetups),
``pages_create()`` pages with their aliases in every language tree (the synthetic cities), each
with their tags, revision and log entries in a few statements, as the services would (``pages``),
and ``active_memberships_create()`` the cities' memberships, their history and coordinators'
groups with their page permissions (``memberships``).

The believable demo (``demo/data/``) goes through the services; only its translations
(``demo.translations``) defer their indexing with ``side_work_deferred()``.
``tests/demo/test_synthetic.py`` seeds a small network both ways and compares the rows.
"""

from demo.bulk.indexes import references_rebuild, search_add, side_work_deferred
from demo.bulk.memberships import active_memberships_create
from demo.bulk.pages import pages_create, published_pages_add

__all__ = [
    "active_memberships_create",
    "pages_create",
    "published_pages_add",
    "references_rebuild",
    "search_add",
    "side_work_deferred",
]
