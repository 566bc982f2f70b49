"""A map of the five Nordic countries with a marker for every member city, drawn as inline SVG.

The country outlines come from ``cities/map_data/nordic_countries.json``, which
``scripts/build-map`` makes from Natural Earth data (the ``world-atlas`` npm package). That file
also holds the projection's parameters, so :func:`project` puts a city exactly where the build
put the coastline around it. A map shows the whole region or zooms to one country's cities;
either way it is drawn in an output frame ``FRAME_WIDTH`` units wide, into which the outlines
are scaled, so that dots and labels keep one size and ``cities.map_labels`` places the labels
in the frame's units. Nothing here touches the database or the network: the module is plain
Python and can be used (and is used by the build script) without Django.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cities.map_labels import Box, Label, Point, place_labels, place_numbers

DATA_FILE = Path(__file__).resolve().parent / "map_data" / "nordic_countries.json"

#: The countries in the order they are drawn, by ISO 3166-1 alpha-2 code.
COUNTRY_CODES = ("DK", "FI", "IS", "NO", "SE")

# The map's output frame is this wide in SVG user units, whatever part of the Nordic region it
# shows, so that dots and labels keep one size (static/css/map.css) and the outlines are scaled.
FRAME_WIDTH = 800.0
# A country's view shows at least this much of the full map (in the data's units), so that one
# city or two close ones are not blown up past the outlines' detail; and this much around them.
MIN_WINDOW_WIDTH = 140.0
WINDOW_MARGIN = 0.15


class MappableCity(Protocol):
    """What :func:`nordic_map` reads from a city: plain attributes, no model needed."""

    title: str
    url: str
    latitude: float
    longitude: float
    country_code: str
    population: int | None


@dataclass(frozen=True)
class MapMarker:
    """One city on the map, at ``(x, y)`` in the map's SVG user units, with its ``number`` (its
    place in the list under the map) and its two labels: ``label`` for a map drawn wide (its
    name, or its number where the name found no place) and ``narrow_label`` for a phone (its
    number). Either is None when no place was free for it: see ``cities.map_labels``."""

    name: str
    url: str
    x: float
    y: float
    country_code: str
    label: Label | None = None
    narrow_label: Label | None = None
    number: int | None = None


@dataclass(frozen=True)
class NordicMap:
    """Everything the template needs to draw the map: the output frame (``view_box``), the
    countries' outlines with the ``transform`` that fits them into it, and the markers.
    ``country_code`` is the country it is zoomed to, or empty for the whole region."""

    view_box: str
    transform: str
    countries: list[tuple[str, str]]
    markers: list[MapMarker]
    attribution: str
    country_code: str = ""

    @property
    def numbered(self) -> bool:
        """Whether some cities carry a number on the map instead of their name."""
        return any(marker.label and marker.label.number for marker in self.markers)

    @property
    def frame(self) -> Box:
        min_x, min_y, width, height = (float(part) for part in self.view_box.split())
        return (min_x, min_y, min_x + width, min_y + height)


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


def _window(points: list[tuple[float, float]], country_code: str) -> Box:
    """The part of the full map to show, in the data's units: the whole region (and any city
    outside it) for every country, or the country's cities with a margin, as wide as
    ``MIN_WINDOW_WIDTH`` at least, in the full map's proportions."""
    min_x, min_y, width, height = (float(part) for part in map_data()["viewBox"].split())
    if not country_code or not points:
        xs = [min_x, min_x + width, *(x for x, _ in points)]
        ys = [min_y, min_y + height, *(y for _, y in points)]
        return (min(xs), min(ys), max(xs), max(ys))
    aspect = height / width
    xs, ys = [x for x, _ in points], [y for _, y in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    window_width = max(span_x * (1 + 2 * WINDOW_MARGIN), span_y * (1 + 2 * WINDOW_MARGIN) / aspect)
    window_width = max(window_width, MIN_WINDOW_WIDTH)
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half_width, half_height = window_width / 2, window_width * aspect / 2
    return (
        centre_x - half_width,
        centre_y - half_height,
        centre_x + half_width,
        centre_y + half_height,
    )


def nordic_map(cities: Iterable[MappableCity], *, country_code: str = "") -> NordicMap:
    """The map with the five countries' outlines and one marker per city, in the given order
    (the order of the list under the map, which the cities' numbers follow).

    With ``country_code``, only that country's cities, with the frame fitted around them; the
    labels are placed in the output frame, so they keep their size at every zoom."""
    data = map_data()
    country_code = country_code.upper()
    cities = [
        city
        for city in cities
        if not country_code or str(city.country_code).upper() == country_code
    ]
    projected = [project(float(city.latitude), float(city.longitude)) for city in cities]
    left, top, right, bottom = _window(projected, country_code)
    scale = FRAME_WIDTH / (right - left)
    frame = (0.0, 0.0, FRAME_WIDTH, round((bottom - top) * scale, 1))
    points = [
        Point(
            name=str(city.title),
            x=round((x - left) * scale, 1),
            y=round((y - top) * scale, 1),
            priority=(-(city.population or 0), index),
        )
        for index, (city, (x, y)) in enumerate(zip(cities, projected, strict=True))
    ]
    labels = place_labels(points, frame)
    narrow_labels = place_numbers(points, frame)
    markers = [
        MapMarker(
            name=point.name,
            url=str(city.url),
            x=point.x,
            y=point.y,
            country_code=str(city.country_code).upper(),
            label=label,
            narrow_label=narrow_label,
            number=number,
        )
        for number, (city, point, label, narrow_label) in enumerate(
            zip(cities, points, labels, narrow_labels, strict=True), start=1
        )
    ]
    shift_x, shift_y = 0.0 - left * scale, 0.0 - top * scale  # 0.0 - …: never "-0.00"
    return NordicMap(
        view_box=f"0 0 {frame[2]:g} {frame[3]:g}",
        transform=f"matrix({scale:.5f} 0 0 {scale:.5f} {shift_x:.2f} {shift_y:.2f})",
        countries=[(code, data["countries"][code]) for code in COUNTRY_CODES],
        markers=markers,
        attribution=data["attribution"],
        country_code=country_code,
    )
