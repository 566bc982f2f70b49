"""A map of the five Nordic countries with a marker for every member city, drawn as inline SVG.

The country outlines come from ``cities/map_data/nordic_countries.json``, which
``scripts/build-map`` makes from Natural Earth data (the ``world-atlas`` npm package). That file
also holds the projection's parameters, so :func:`project` puts a city exactly where the build
put the coastline around it. Nothing here touches the database or the network: the module is
plain Python and can be used (and is used by the build script) without Django.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

DATA_FILE = Path(__file__).resolve().parent / "map_data" / "nordic_countries.json"

#: The countries in the order they are drawn, by ISO 3166-1 alpha-2 code.
COUNTRY_CODES = ("DK", "FI", "IS", "NO", "SE")

LabelPosition = Literal["right", "left", "above", "below"]
#: Where a label may go, in the order tried: beside the dot first, then over or under it.
LABEL_POSITIONS: tuple[LabelPosition, ...] = ("right", "left", "above", "below")
# The label's estimated size in SVG units, for static/css/map.css's 15px bold label: room
# enough to keep labels apart without measuring text, which only a browser can do.
LABEL_CHAR_WIDTH = 8.6
LABEL_HEIGHT = 15.0
LABEL_GAP = 10.0  # from the dot's centre to the label
DOT_RADIUS = 6.0

Box = tuple[float, float, float, float]  # left, top, right, bottom


class MappableCity(Protocol):
    """What :func:`nordic_map` reads from a city: plain attributes, no model needed."""

    title: str
    url: str
    latitude: float
    longitude: float
    country_code: str


@dataclass(frozen=True)
class MapMarker:
    """One city on the map, at ``(x, y)`` in the map's SVG user units."""

    name: str
    url: str
    x: float
    y: float
    country_code: str
    label_position: LabelPosition = "right"


@dataclass(frozen=True)
class NordicMap:
    """Everything the template needs to draw the map."""

    view_box: str
    countries: list[tuple[str, str]]
    markers: list[MapMarker]
    attribution: str


def lambert_conformal_conic(
    latitude: float, longitude: float, parameters: Mapping[str, Any]
) -> tuple[float, float]:
    """Project a point with a spherical Lambert conformal conic projection and a linear fit.

    ``parameters`` holds ``standard_parallels`` (two latitudes in degrees), ``origin``
    (``[latitude, longitude]`` in degrees: the central meridian and the latitude of y = 0),
    ``scale`` (SVG units per earth radius) and ``translate`` (``[x, y]`` in SVG units). The
    result is in SVG user units: x grows to the east, y grows to the south.
    """
    phi1, phi2 = (math.radians(value) for value in parameters["standard_parallels"])
    phi0, lambda0 = (math.radians(value) for value in parameters["origin"])
    scale = float(parameters["scale"])
    translate_x, translate_y = (float(value) for value in parameters["translate"])

    def tan_half(phi: float) -> float:
        return math.tan(math.pi / 4 + phi / 2)

    if math.isclose(phi1, phi2):
        n = math.sin(phi1)
    else:
        n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(tan_half(phi2) / tan_half(phi1))
    f = math.cos(phi1) * tan_half(phi1) ** n / n
    rho0 = f / tan_half(phi0) ** n
    rho = f / tan_half(math.radians(latitude)) ** n
    theta = n * (math.radians(longitude) - lambda0)
    x = rho * math.sin(theta)
    y = rho0 - rho * math.cos(theta)
    return (translate_x + scale * x, translate_y - scale * y)


@functools.cache
def map_data() -> dict[str, Any]:
    """The built map data file, read once per process."""
    with DATA_FILE.open(encoding="utf-8") as data_file:
        return json.load(data_file)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Where a point (in degrees, WGS 84) lands on the map, in SVG user units."""
    return lambert_conformal_conic(latitude, longitude, map_data()["projection"])


def label_box(name: str, x: float, y: float, position: LabelPosition) -> Box:
    """The estimated box a marker's label takes up at ``position`` around the dot at (x, y)."""
    width = LABEL_CHAR_WIDTH * len(name)
    if position == "right":
        return (x + LABEL_GAP, y - LABEL_HEIGHT / 2, x + LABEL_GAP + width, y + LABEL_HEIGHT / 2)
    if position == "left":
        return (x - LABEL_GAP - width, y - LABEL_HEIGHT / 2, x - LABEL_GAP, y + LABEL_HEIGHT / 2)
    if position == "above":
        return (x - width / 2, y - LABEL_GAP - LABEL_HEIGHT, x + width / 2, y - LABEL_GAP)
    return (x - width / 2, y + LABEL_GAP, x + width / 2, y + LABEL_GAP + LABEL_HEIGHT)


def _overlap(first: Box, second: Box) -> float:
    """The area two boxes share."""
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    return max(width, 0.0) * max(height, 0.0)


def place_labels(points: list[tuple[str, float, float]], view_box: str) -> list[LabelPosition]:
    """Put each label where it overlaps the least of the map's edge, the dots and earlier labels.

    A greedy pass in the given order: good enough for a few dozen cities, and deterministic.
    """
    min_x, min_y, width, height = (float(part) for part in view_box.split())
    bounds = (min_x, min_y, min_x + width, min_y + height)
    dots = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for _, x, y in points]
    taken: list[Box] = []
    positions: list[LabelPosition] = []
    for name, x, y in points:

        def cost(position: LabelPosition, name: str = name, x: float = x, y: float = y) -> float:
            box = label_box(name, x, y, position)
            area = (box[2] - box[0]) * (box[3] - box[1])
            outside = area - _overlap(box, bounds)
            return 4 * outside + sum(_overlap(box, other) for other in [*dots, *taken])

        best = min(LABEL_POSITIONS, key=cost)  # min() keeps the first of equal costs
        positions.append(best)
        taken.append(label_box(name, x, y, best))
    return positions


def nordic_map(cities: Iterable[MappableCity]) -> NordicMap:
    """The map with the five countries' outlines and one marker per city, in the given order."""
    data = map_data()
    points = []
    for city in cities:
        x, y = project(float(city.latitude), float(city.longitude))
        points.append((city, round(x, 1), round(y, 1)))
    positions = place_labels([(str(city.title), x, y) for city, x, y in points], data["viewBox"])
    markers = [
        MapMarker(
            name=str(city.title),
            url=str(city.url),
            x=x,
            y=y,
            country_code=str(city.country_code).upper(),
            label_position=position,
        )
        for (city, x, y), position in zip(points, positions, strict=True)
    ]
    countries = [(code, data["countries"][code]) for code in COUNTRY_CODES]
    return NordicMap(
        view_box=data["viewBox"],
        countries=countries,
        markers=markers,
        attribution=data["attribution"],
    )
