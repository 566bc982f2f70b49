"""The Nordic map: projection, outlines, markers and the accessible inline SVG (no database)."""

import importlib.machinery
import importlib.util
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.template.loader import render_to_string
from django.utils import translation

from cities.map import (
    COUNTRY_CODES,
    DATA_FILE,
    FRAME_WIDTH,
    MapMarker,
    NordicMap,
    map_data,
    nordic_map,
    project,
)

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class City:
    title: str
    url: str
    latitude: float
    longitude: float
    country_code: str
    population: int | None = None


CITIES = {
    "Oslo": City("Oslo", "/en/cities/oslo/", 59.91, 10.75, "NO"),
    "Stockholm": City("Stockholm", "/en/cities/stockholm/", 59.33, 18.07, "SE"),
    "Copenhagen": City("Copenhagen", "/en/cities/copenhagen/", 55.68, 12.57, "DK"),
    "Helsinki": City("Helsinki", "/en/cities/helsinki/", 60.17, 24.94, "FI"),
    "Reykjavík": City("Reykjavík", "/en/cities/reykjavik/", 64.15, -21.94, "IS"),
    "Malmö": City("Malmö", "/en/cities/malmo/", 55.60, 13.00, "SE"),
    "Tromsø": City("Tromsø", "/en/cities/tromso/", 69.65, 18.96, "NO"),
    "Mariehamn": City("Mariehamn", "/en/cities/mariehamn/", 60.10, 19.94, "fi"),
}


def rings(path: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written as the build writes them: `M x y l dx dy ... z` each."""
    result = []
    for ring in re.findall(r"M([^z]*)z", path):
        start, moves = ring.split("l")
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", start + " " + moves)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        result.append(points)
    return result


def bounding_box(path: str) -> tuple[float, float, float, float]:
    points = [point for ring in rings(path) for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def distance_to_country(x: float, y: float, path: str) -> float:
    """0 inside the country's outline (even-odd), else the distance to its nearest edge."""
    inside = False
    nearest = math.inf
    for ring in rings(path):
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
            t = min(max(t, 0.0), 1.0)
            nearest = min(nearest, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
    return 0.0 if inside else nearest


def view_box() -> tuple[float, float, float, float]:
    min_x, min_y, width, height = (float(n) for n in map_data()["viewBox"].split())
    return min_x, min_y, min_x + width, min_y + height


class TestData:
    def test_the_data_file_is_small_and_holds_the_five_countries_and_the_projection(self):
        data = map_data()

        assert DATA_FILE.stat().st_size < 60 * 1024
        assert sorted(data["countries"]) == sorted(COUNTRY_CODES)
        assert data["projection"]["standard_parallels"]
        assert "Natural Earth" in data["attribution"]
        for path in data["countries"].values():
            assert path.startswith("M") and path.endswith("z")

    def test_the_outlines_fill_the_view_box_and_stay_inside_it(self):
        left, top, right, bottom = view_box()
        boxes = [bounding_box(path) for path in map_data()["countries"].values()]

        assert min(box[0] for box in boxes) >= left
        assert min(box[1] for box in boxes) >= top
        assert max(box[2] for box in boxes) <= right
        assert max(box[3] for box in boxes) <= bottom
        assert max(box[2] for box in boxes) - min(box[0] for box in boxes) > 0.9 * (right - left)

    def test_norway_has_no_svalbard_or_jan_mayen(self):
        _left, no_top, _right, _bottom = bounding_box(map_data()["countries"]["NO"])
        nordkapp_y = project(71.2, 25.8)[1]
        jan_mayen_x, _ = project(71.0, -8.5)

        assert no_top > nordkapp_y - 10  # nothing far north of the mainland's tip
        assert bounding_box(map_data()["countries"]["NO"])[0] > jan_mayen_x + 50


class TestProjection:
    def test_oslo_lands_inside_norway(self):
        x, y = project(59.91, 10.75)
        left, top, right, bottom = bounding_box(map_data()["countries"]["NO"])

        assert left < x < right
        assert top < y < bottom

    def test_east_is_right_and_north_is_up(self):
        helsinki, stockholm = project(60.17, 24.94), project(59.33, 18.07)
        copenhagen, tromso = project(55.68, 12.57), project(69.65, 18.96)

        assert helsinki[0] > stockholm[0]
        assert tromso[1] < stockholm[1] < copenhagen[1]

    def test_reykjavik_is_west_of_everything(self):
        reykjavik_x, _ = project(64.15, -21.94)
        others = [city for name, city in CITIES.items() if name != "Reykjavík"]

        assert all(reykjavik_x < project(c.latitude, c.longitude)[0] for c in others)
        assert all(
            reykjavik_x < bounding_box(map_data()["countries"][code])[0]
            for code in ["DK", "FI", "NO", "SE"]
        )

    def test_every_city_is_inside_the_view_box(self):
        left, top, right, bottom = view_box()
        for city in CITIES.values():
            x, y = project(city.latitude, city.longitude)
            assert left <= x <= right and top <= y <= bottom, city.title

    @pytest.mark.parametrize("name", ["Oslo", "Stockholm", "Copenhagen", "Helsinki", "Reykjavík"])
    def test_capitals_land_on_their_own_country(self, name):
        """The same projection as the build: a capital is on its country's outline, or at
        its coast (within about 4 km of a 1:50m coastline)."""
        city = CITIES[name]
        x, y = project(city.latitude, city.longitude)

        assert distance_to_country(x, y, map_data()["countries"][city.country_code]) < 1.5


class TestNordicMap:
    def test_it_has_five_countries_and_one_marker_per_city_in_order(self):
        result = nordic_map(CITIES.values())

        assert isinstance(result, NordicMap)
        assert [code for code, _ in result.countries] == list(COUNTRY_CODES)
        assert all(path for _, path in result.countries)
        assert [m.name for m in result.markers] == list(CITIES)
        assert all(isinstance(m, MapMarker) for m in result.markers)
        assert result.attribution == map_data()["attribution"]

    def test_the_whole_region_is_scaled_into_the_output_frame(self):
        left, top, right, bottom = view_box()
        scale = FRAME_WIDTH / (right - left)

        result = nordic_map(CITIES.values())

        assert result.view_box == f"0 0 {FRAME_WIDTH:g} {round((bottom - top) * scale, 1):g}"
        assert result.transform == f"matrix({scale:.5f} 0 0 {scale:.5f} 0.00 0.00)"

    def test_a_marker_carries_the_city_and_its_projected_place(self):
        marker = nordic_map([CITIES["Mariehamn"]]).markers[0]
        scale = FRAME_WIDTH / (view_box()[2] - view_box()[0])

        assert marker.url == "/en/cities/mariehamn/"
        assert marker.country_code == "FI"
        x, y = project(60.10, 19.94)
        assert (marker.x, marker.y) == pytest.approx((x * scale, y * scale), abs=0.05)

    def test_no_cities_make_a_map_without_markers(self):
        assert nordic_map([]).markers == []

    def test_labels_of_close_cities_do_not_overlap(self):
        markers = nordic_map([CITIES["Copenhagen"], CITIES["Malmö"]]).markers
        first, second = (m.label.box for m in markers)

        assert first[2] <= second[0] or second[2] <= first[0] or first[3] <= second[1]

    def test_the_data_is_read_once(self):
        assert map_data() is map_data()


class TestTemplate:
    def render(self, cities=None):
        cities = CITIES.values() if cities is None else cities
        with translation.override("en"):
            return render_to_string("cities/includes/map.html", {"map": nordic_map(cities)})

    def test_every_city_is_a_link_with_its_name(self):
        html = self.render()

        for city in CITIES.values():
            link = re.search(rf'<a [^>]*href="{re.escape(city.url)}"[^>]*>(.*?)</a>', html, re.S)
            assert link, city.title
            assert f"<title>{city.title}</title>" in link[1]
            assert f">{city.title}</text>" in link[1]

    def test_no_inline_styles_or_scripts_and_nothing_from_another_host(self):
        html = self.render()

        assert "style=" not in html
        assert "<script" not in html
        assert "<style" not in html
        assert "<image" not in html
        assert not re.search(r'(href|src)="(https?:)?//', html)

    def test_the_svg_is_a_named_group_with_decorative_outlines(self):
        html = self.render()

        svg = re.search(r"<svg [^>]*>", html)[0]
        assert 'role="group"' in svg
        assert 'aria-labelledby="nordic-map-title"' in svg
        assert f'viewBox="{nordic_map(CITIES.values()).view_box}"' in svg
        assert '<title id="nordic-map-title">Map of the Nordic member cities</title>' in html
        countries = r'<g class="nordic-map__countries" transform="matrix\([^"]+\)" aria-hidden'
        assert re.search(countries, html)
        assert html.count('<path class="nordic-map__country') == 5
        assert "Made with Natural Earth (via the world-atlas npm package)" in html

    def test_a_second_map_on_a_page_gets_its_own_ids(self):
        html = render_to_string(
            "cities/includes/map.html", {"map": nordic_map([]), "map_id": "members-map"}
        )

        assert 'id="members-map-title"' in html
        assert 'aria-labelledby="members-map-title"' in html

    def test_names_and_urls_are_escaped(self):
        city = City('<b>"Å"</b>', "/en/cities/a?x=1&y=2", 60.0, 20.0, "FI")
        html = self.render([city])

        assert "<b>" not in html
        assert 'href="/en/cities/a?x=1&amp;y=2"' in html

    def test_coordinates_keep_a_decimal_point_in_every_language(self):
        with translation.override("sv"):
            html = self.render([CITIES["Oslo"]])

        marker = nordic_map([CITIES["Oslo"]]).markers[0]
        assert f'cx="{marker.x:.1f}"' in html
        assert f'cy="{marker.y:.1f}"' in html


def load_build_script():
    path = ROOT / "scripts" / "build-map"
    loader = importlib.machinery.SourceFileLoader("build_map", str(path))
    spec = importlib.util.spec_from_loader("build_map", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class TestBuildScript:
    def test_it_decodes_quantized_delta_encoded_arcs_and_joins_rings(self):
        build_map = load_build_script()
        topology = {
            "transform": {"scale": [0.5, 0.25], "translate": [10, 50]},
            "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        }

        arcs = build_map.decode_arcs(topology)

        assert arcs[0] == [(10, 50), (11, 50), (11, 51)]
        assert arcs[1] == [(11, 51), (10, 51), (10, 50)]
        ring = build_map.ring_points([0, 1], arcs)
        assert ring == [(10, 50), (11, 50), (11, 51), (10, 51), (10, 50)]
        assert build_map.ring_points([~1], arcs)[0] == (10, 50)

    def test_it_simplifies_and_writes_compact_relative_paths(self):
        build_map = load_build_script()
        line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 2.0)]

        assert build_map.simplify(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]
        path = build_map.ring_path([(0.0, 0.0), (10.0, 0.0), (10.0, 5.5), (0.0, 0.0)])
        assert path == "M0 0l10 0 0 5.5z"
        assert rings(path) == [[(0, 0), (10, 0), (10, 5.5)]]
