"""Every URL pattern of the project, requested as six roles with realistic values and then with
hostile ones: no answer is a server error, and no role gets further than the access table
(``access_table.py``) allows.

The world (``world.py``) is built once for the module, in a transaction rolled back at its end;
every request runs in a savepoint of its own (``probe.send``). The figure (patterns x roles x
values, server errors, unexpected allows) is printed at the end of the run (``conftest.py``).
"""

import logging
import zlib

import pytest

from django.db import transaction
from django.test import Client

from wagtail.models import Page

from tests.factories.accounts import sign_in
from tests.security import probe, world
from tests.security.access_table import ACCESS, PAGES, Access, Role
from tests.security.matrix import AREAS, ROUTES, Run, Target, targets, with_query

# Each test in a savepoint inside the module's transaction (``the_world``).
pytestmark = pytest.mark.django_db

HOSTILE = {
    "2**63": str(2**63),
    "10**30": str(10**30),
    "-1": "-1",
    "60,000 digits": "9" * 60_000,
    "markup": "<script>alert(1)</script>",
    "path traversal": "../../etc/passwd",
    "NUL": "\x00",
    "RTL override": "\u202etxt.exe",
    "unicode": "Tromsø Åland 北京 🙂",
    "another host": "//evil.example/",
}
# The query string and the form of one request carry the values of one group, spread over the
# parameters in turn: every parameter gets a number and a text at each address, every value
# goes into a share of the parameters, and which gets which turns from one address to the next.
GROUPS = [list(HOSTILE)[:4], list(HOSTILE)[4:]]
# The query parameters every address gets at once: the portal's own filters (grep request.GET)
# and what Wagtail's listings, choosers and reports read.
QUERY = [
    "q", "p", "page", "ordering", "sort", "next", "id", "focus_area", "country", "city",
    "target_group", "status", "evidence", "year", "lang", "locale", "collection_id",
    "content_type", "owner", "tag", "site", "action", "mode", "export", "for_user",
    "page_type", "multiple", "parent_page_id", "user", "timestamp_from", "timestamp_to",
]  # fmt: skip
# Views that answer an error for the first bad parameter they read (the API, the feeds): each
# parameter they read, alone, so that an earlier one does not mask it. The others (search, the
# library, the cities index) read each parameter on its own: the combined query reaches them all.
READS = {
    "api/cities/": ["lang"],
    "api/cities/<slug:slug>/": ["lang"],
    "api/case-studies/": ["lang", "focus_area", "country", "city", "page"],
    "feeds/case-studies/rss/": ["lang"],
    "feeds/case-studies/<slug:focus_area>/atom/": ["lang"],
}
# The two roles that reach deepest: the anonymous visitor reaches every public view, the
# secretariat with the second factor every admin view. Each gets the hostile values where its
# requests reach a view; the anonymous visitor is refused at the door of the others, tried once
# per area with every value in every parameter at once (``_hostile_values_at_the_door``).
HOSTILE_ROLES = [Role.ANONYMOUS, Role.SECRETARIAT]
# What the access matrix saw of each address and role, for the hostile values: the fields of
# its forms, and whether its view takes a GET and a POST (a 405 says not).
SEEN: dict[tuple[str, Role], tuple[list[str], bool, bool]] = {}
FUZZED = {
    level: {Role.SECRETARIAT}
    | ({Role.ANONYMOUS} if level in (Access.PUBLIC, Access.NOBODY) else set())
    for level in Access
}


@pytest.fixture(scope="module", autouse=True)
def _quiet_request_logs():
    """Every 404, 400 and 500 would be logged; the matrix reports them itself."""
    names = ("django.request", "django.security", "core.middleware")
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture(scope="module")
def the_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(the_world):
    o = the_world.objects
    people = {
        Role.CITIZEN: (o.citizen, False),
        Role.COORDINATOR: (o.oslo_coordinator, False),
        Role.OTHER_COORDINATOR: (o.stockholm_coordinator, False),
        Role.SECRETARIAT: (o.secretariat, True),
        # The same account, which has TOTP enrolled, in a session that gave only the password.
        Role.SECRETARIAT_PASSWORD_ONLY: (o.secretariat, False),
    }
    signed_in = {Role.ANONYMOUS: Client(raise_request_exception=False)}
    for role, (user, second_factor) in people.items():
        client = Client(raise_request_exception=False)
        sign_in(client, user, second_factor=second_factor)
        signed_in[role] = client
    return signed_in


def test_the_access_table_lists_every_url_pattern_and_nothing_else():
    walked = {route.key for route in ROUTES}

    assert {
        "missing from the table": sorted(walked - set(ACCESS)),
        "in the table, not a pattern": sorted(set(ACCESS) - walked),
    } == {"missing from the table": [], "in the table, not a pattern": []}


def test_the_world_names_every_page_the_table_lists(the_world):
    assert set(the_world.pages) == set(PAGES)


def test_each_client_is_signed_in_as_its_role(the_world, clients):
    """What makes the matrix's refusals mean something: each role gets in where it may."""
    o = the_world.objects
    edit = f"/admin/pages/{o.practice.pk}/edit/"
    where = {
        Role.ANONYMOUS: "/en/accounts/login/",
        Role.CITIZEN: "/en/accounts/my-data/",
        Role.COORDINATOR: edit,
        Role.OTHER_COORDINATOR: "/admin/",
        Role.SECRETARIAT: "/admin/users/",
        Role.SECRETARIAT_PASSWORD_ONLY: "/en/accounts/my-data/",
    }

    def status(role: Role, path: str) -> int:
        with probe.rolled_back(clients[role]):
            return clients[role].get(path).status_code

    assert {role: status(role, path) for role, path in where.items()} == dict.fromkeys(where, 200)
    assert [status(role, edit) for role in Role] == [302, 403, 200, 302, 200, 302]


@pytest.mark.parametrize("area", AREAS)
def test_each_role_gets_no_further_than_the_table_allows(the_world, clients, area):
    run = Run(clients, area)
    for target in targets(the_world, area):
        path = with_query(target.path(), target.query)
        for role in Role:
            shown = run.send(target, role, "get", path)
            posted = run.send(target, role, "post", path)
            SEEN[target.label, role] = _seen(shown, posted)

    assert not run.findings, run.problems()


def _seen(shown, posted) -> tuple[list[str], bool, bool]:
    """The form fields a page shows, and whether its view takes a GET, and a POST, at all."""

    def takes(response) -> bool:
        return isinstance(response, Exception) or response.status_code != 405

    return probe.form_fields(shown), takes(shown), takes(posted)


@pytest.mark.parametrize("area", AREAS)
def test_hostile_values_give_no_server_error_and_no_allow(the_world, clients, area):
    run = Run(clients, area)
    addresses = targets(the_world, area)
    for target in addresses:
        if target.label in world.PAGES_NOT_FUZZED:
            continue
        roles = [role for role in HOSTILE_ROLES if role in FUZZED[target.level]]
        for role in roles:
            _hostile_path_values(run, target, role, rejected_too=role == roles[0])
            _hostile_query_and_form_values(run, target, role)
    at_the_door = next((t for t in addresses if Role.ANONYMOUS not in FUZZED[t.level]), None)
    if at_the_door is not None:
        _hostile_values_at_the_door(run, at_the_door)

    assert not run.findings, run.problems()


def _hostile_path_values(run: Run, target: Target, role: Role, *, rejected_too: bool) -> None:
    """Each hostile value in each path parameter. A value a converter refuses reaches no view
    of the pattern, whoever asks (the resolver says so): the first refused value of each
    parameter is requested, by the first role only, and must not be served by another pattern
    (the catch-alls get every value in their own parameter)."""
    for parameter in target.parameters():
        requested_a_refused_value = not rejected_too
        for label, value in HOSTILE.items():
            if parameter == "page_path":
                # Below the page: what its own routing (a routable page's) makes of it.
                value = f"{target.values[parameter]}{value}/"
            path = with_query(target.path(**{parameter: value}), target.query)
            accepted = target.accepts(path)
            if not accepted:
                probe.TALLY.rejected += rejected_too
                if requested_a_refused_value:
                    continue
                requested_a_refused_value = True
            response = run.send(
                target, role, "get", path, value=label, where=parameter, accepted=accepted
            )
            if accepted or isinstance(response, Exception):
                continue
            if 200 <= response.status_code < 300:
                status = str(response.status_code)
                detail = f"{status} from another pattern"
                run.add(
                    "rejected value served",
                    target,
                    role,
                    "get",
                    path,
                    label,
                    parameter,
                    detail,
                    status,
                )


def _hostile_values_at_the_door(run: Run, target: Target) -> None:
    """The anonymous visitor, refused before any view, with each group of values spread over
    every parameter at once: the path's, the query's and the form's."""
    for group in GROUPS:
        path = target.path(**_mixed(target.parameters(), group, 0))
        query = with_query(path, {**target.query, **_mixed(QUERY, group, 1)})
        accepted = target.accepts(path)
        for method, data in (("get", None), ("post", _mixed(QUERY, group, 2))):
            run.send(
                target,
                Role.ANONYMOUS,
                method,
                query,
                data,
                value=" / ".join(group),
                where="every parameter",
                accepted=accepted,
            )


def _mixed(names: list[str], group: list[str], turn: int) -> dict[str, str]:
    """The group's values spread over ``names``, each name the next value."""
    return {name: HOSTILE[group[(index + turn) % len(group)]] for index, name in enumerate(names)}


def _hostile_query_and_form_values(run: Run, target: Target, role: Role) -> None:
    """Hostile values in every common query parameter at once, and (where the view takes a
    POST) in every field of the page's forms and the same parameters posted: one request per
    group of values (``GROUPS``). Then each value alone in each parameter of the views that
    stop at the first bad one (``READS``)."""
    path = target.path()
    if (target.label, role) not in SEEN:
        benign = with_query(path, target.query)
        SEEN[target.label, role] = _seen(
            run.send(target, role, "get", benign), run.send(target, role, "post", benign)
        )
    fields, takes_get, takes_post = SEEN[target.label, role]
    turn = zlib.crc32(target.label.encode())
    for group in GROUPS:
        label = " / ".join(group)
        query = with_query(path, {**target.query, **_mixed(QUERY, group, turn)})
        if takes_get:
            run.send(target, role, "get", query, value=label, where="the query")
        if takes_post:
            # Below Django's 5 MB limit on a request body, also with the longest value.
            longest = max(len(HOSTILE[name]) for name in group)
            names = [*fields, *QUERY][: 4_000_000 // longest]
            form = _mixed(names, group, turn)
            run.send(target, role, "post", query, form, value=label, where="the form")
    # The same public view for everyone: the anonymous visitor's requests suffice.
    for parameter in READS.get(target.label, []) if role == Role.ANONYMOUS else ():
        for label, value in HOSTILE.items():
            alone = with_query(path, {**target.query, parameter: value})
            run.send(target, role, "get", alone, value=label, where=parameter)


class TestWagtailRefusalsThatAnswer200:
    """The table lets every editor reach the explorer, the page listings and reports, and the
    bulk actions (``admin`` level), because Wagtail refuses there in the content rather than
    with the status: a listing shows only the pages the editor may explore, a bulk action skips
    the pages the editor may not act on. Each refusal is checked here, against Oslo's own
    coordinator, who sees and changes them."""

    LISTINGS = {
        "explorer": lambda o: f"/admin/pages/{o.oslo.city_page.pk}/",
        "page type use": lambda o: "/admin/pages/usage/knowledge/casestudypage/",
        "page search": lambda o: "/admin/pages/search/?q=programme",
        "workflow report": lambda o: "/admin/reports/workflow/",
        "site history": lambda o: "/admin/reports/site-history/",
    }

    @pytest.mark.parametrize("listing", LISTINGS)
    def test_a_listing_shows_another_citys_coordinator_none_of_its_pages(
        self, the_world, clients, listing
    ):
        o = the_world.objects
        url = self.LISTINGS[listing](o)
        titles = [o.practice.title, o.members_only.title, o.draft.title]

        def shown_to(role: Role) -> list[str]:
            with probe.rolled_back(clients[role]):
                text = clients[role].get(url).content.decode()
            return [title for title in titles if title in text]

        assert shown_to(Role.OTHER_COORDINATOR) == []
        assert shown_to(Role.COORDINATOR) != []

    def test_a_bulk_action_skips_the_pages_of_another_city(self, the_world, clients):
        practice = the_world.objects.practice
        unpublish = f"/admin/bulk/wagtailcore/page/unpublish/?id={practice.pk}"

        def still_live_after_unpublishing_by(role: Role) -> bool:
            with probe.rolled_back(clients[role]):
                clients[role].post(unpublish)
                return Page.objects.get(pk=practice.pk).live

        assert still_live_after_unpublishing_by(Role.OTHER_COORDINATOR)
        assert not still_live_after_unpublishing_by(Role.COORDINATOR)
