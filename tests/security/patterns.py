"""Every URL pattern of the project, walked from the root resolver, and the route string that
names it in the access table (``tests/security/access_table.py``).

A route string is what Django's ``ResolverMatch.route`` says for a match: the patterns of the
includes joined, each regular expression without its leading ``^``. The language prefix of
``i18n_patterns`` is written ``<language>/``: the same patterns answer under every language.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

LANGUAGE = "<language>/"
# ``<int:page_id>`` in a route pattern.
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    key: str
    name: str | None
    # The address with ``{parameter}`` placeholders, or None for a regular expression with
    # groups (those get a template in ``world.REGEX_TEMPLATES``).
    template: str | None
    # (name, converter) of each parameter, in order; "regex" for a regular expression's group.
    parameters: tuple[tuple[str, str], ...]
    localised: bool


def _join(route: str, part: str) -> str:
    """``ResolverMatch.route``'s way: the second route without its leading ``^``."""
    return route + (part[1:] if route and part.startswith("^") else part)


def _regex_template(regex: str) -> str | None:
    """A regular expression that matches one literal address as that address; None for any
    other (those get a template in ``world.REGEX_TEMPLATES``)."""
    literal = regex.removeprefix("^").removesuffix("$")
    if re.search(r"[.*+?()\[\]{}|\\]", literal.replace("\\.", "")):
        return None
    return literal.replace("\\.", ".")


def walk() -> list[Route]:
    """Every pattern, in resolution order (a pattern listed after another with the same route
    string is shadowed by it and appears once)."""
    found: dict[str, Route] = {}

    def visit(resolver, key, template, parameters, localised):
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            if isinstance(pattern, LocalePrefixPattern):
                part_key, part_template, part_parameters = LANGUAGE, LANGUAGE, ()
                is_localised = True
            elif isinstance(pattern, RoutePattern):
                route = str(pattern)
                part_key = route
                part_template = ROUTE_PARAMETER.sub(lambda m: "{" + m["name"] + "}", route)
                part_parameters = tuple(
                    (m["name"], m["converter"] or "str") for m in ROUTE_PARAMETER.finditer(route)
                )
                is_localised = localised
            elif isinstance(pattern, RegexPattern):
                regex = str(pattern)
                part_key = regex
                part_template = _regex_template(regex)
                part_parameters = tuple(
                    (name, "regex") for name in (pattern.regex.groupindex or {})
                ) or tuple(("group", "regex") for _ in range(pattern.regex.groups))
                is_localised = localised
            else:
                raise TypeError(f"Unknown URL pattern type {type(pattern)!r}")
            full_key = _join(key, part_key)
            full_template = (
                None
                if template is None or part_template is None
                else template + part_template.removeprefix("^")
            )
            if isinstance(entry, URLResolver):
                visit(
                    entry,
                    full_key,
                    full_template,
                    parameters + part_parameters,
                    is_localised,
                )
            elif isinstance(entry, URLPattern):
                found.setdefault(
                    full_key,
                    Route(
                        key=full_key,
                        name=entry.name,
                        template=full_template,
                        parameters=parameters + part_parameters,
                        localised=is_localised,
                    ),
                )

    visit(get_resolver(), "", "", (), False)
    return list(found.values())


def route_key(match, language: str) -> str:
    """The route string of a ``ResolverMatch``, with the language prefix as ``<language>/``."""
    route = match.route
    if route.startswith(f"{language}/"):
        return LANGUAGE + route.removeprefix(f"{language}/")
    return route
