"""The URL matrix's addresses and its requests: each pattern with the world's values, sent as a
role, judged against the access table, and counted for the figure."""

import time
from dataclasses import dataclass
from string import Formatter
from urllib.parse import urlencode

from django.urls import Resolver404, resolve
from django.utils import translation

from tests.security import probe, world
from tests.security.access_table import (
    ACCESS,
    ALLOWED,
    DELIBERATE_SERVER_ERRORS,
    FORWARDS,
    PAGE_SERVING,
    PAGES,
    Access,
    Role,
)
from tests.security.patterns import Route, route_key, walk

ROUTES = walk()


@dataclass(frozen=True)
class Target:
    """One address to request: a pattern with the world's values, or one page it serves."""

    route: Route
    label: str
    template: str
    values: dict
    level: Access
    language: str
    query: dict

    def path(self, **changes) -> str:
        return probe.address(self.template, {**self.values, **changes}, self.language)

    def parameters(self) -> list[str]:
        return [name for _text, name, _spec, _conv in Formatter().parse(self.template) if name]

    def accepts(self, path: str) -> bool:
        """Whether the pattern's converters take ``path`` (else another pattern, or none, does:
        no view of this pattern sees the request)."""
        with translation.override(self.language):
            try:
                match = resolve(path.split("?")[0])
            except Resolver404:
                return False
        return route_key(match, self.language) == self.route.key


def area(route: Route) -> str:
    """The part of the site a pattern belongs to: one test item each."""
    parts = route.key.split("/")
    return "/".join(parts[:2]) if parts[0] in {"admin", "<language>"} else parts[0]


AREAS = sorted({area(route) for route in ROUTES})


def targets(the_world, in_area: str) -> list[Target]:
    """The addresses of an area's patterns; the page-serving catch-all gives one per page."""
    found = []
    for index, route in enumerate(ROUTES):
        if area(route) != in_area:
            continue
        template = route.template or world.REGEX_TEMPLATES[route.key]
        if route.key == PAGE_SERVING:
            for label, path in the_world.pages.items():
                language, _slash, page_path = path.strip("/").partition("/")
                values = {"page_path": f"{page_path}/" if page_path else ""}
                found.append(Target(route, label, template, values, PAGES[label], language, {}))
            continue
        found.append(
            Target(
                route,
                route.key,
                template,
                _values(the_world, route),
                ACCESS[route.key],
                world.LANGUAGES[index % len(world.LANGUAGES)],
                the_world.route_queries.get(route.key, {}),
            )
        )
    return found


def _values(the_world, route: Route) -> dict:
    """The world's values by parameter name, then those of every route prefix (longest last)."""
    values = dict(the_world.values)
    for prefix in sorted(the_world.route_values, key=len):
        if route.key.startswith(prefix):
            values.update(the_world.route_values[prefix])
    return values


def with_query(path: str, query: dict) -> str:
    return f"{path}?{urlencode(query)}" if query else path


class Run:
    """The requests of one test: sends them, judges them, keeps the findings."""

    def __init__(self, clients, in_area: str):
        self.clients = clients
        self.area = in_area
        self.findings = []
        self.number = 0

    def send(self, target: Target, role: Role, method: str, path: str, data=None, **how):
        """Send and judge one request. ``how``: ``value`` (the hostile value's name, or
        "realistic"), ``where`` (the parameter it is in), ``accepted`` (False when no view of the
        pattern saw the request: then only errors count)."""
        value, where = how.get("value", "realistic"), how.get("where", "")
        self.number += 1
        # Each request from its own address: rate limits never stand in for a view's answer.
        remote_addr = f"10.{len(self.area)}.{self.number // 250}.{self.number % 250}"
        client = self.clients[role]
        started = time.perf_counter()
        response = probe.send(client, method, path, data, remote_addr=remote_addr)
        kind = where.split()[-1] if where else "path" if value != "realistic" else value
        probe.TALLY.seconds[f"{method.upper()} {kind}"] += time.perf_counter() - started
        allowed = role in ALLOWED[target.level]
        via = ""
        if target.route.key in FORWARDS and not allowed:
            # A plain forward to another admin address: judged by where it ends.
            for _hop in range(3):
                onward = probe.redirect_into_the_admin(response, role)
                if onward is None:
                    break
                via += f" via {probe.shorten(onward, 80)}"
                response = probe.send(client, "get", onward, remote_addr=remote_addr)
        probe.TALLY.requests[method.upper()] += 1
        probe.TALLY.routes.add(target.route.key)
        probe.TALLY.roles.add(role)
        probe.TALLY.values.update(value.split(" / "))
        level = target.level if how.get("accepted", True) else None
        for kind, detail, cause in probe.judge(response, role=role, level=level):
            if kind == "server error" and allowed and target.route.key in DELIBERATE_SERVER_ERRORS:
                probe.TALLY.deliberate_errors += 1
                continue
            self.add(kind, target, role, method, path, value, where, detail + via, cause)
        if allowed and not isinstance(response, Exception):
            probe.TALLY.reached[role] += 200 <= response.status_code < 300
        return response

    def add(self, kind, target, role, method, path, value, where, detail, cause) -> None:
        finding = probe.Finding(
            kind,
            target.label,
            role.value,
            method.upper(),
            path,
            f"{value} in {where}" if where else value,
            detail,
            cause,
        )
        self.findings.append(finding)
        probe.TALLY.findings.append(finding)

    def problems(self) -> str:
        return probe.report(self.findings)
