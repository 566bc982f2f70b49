"""The map's frames and labels for the demo network and the 200-city synthetic one: every dot
and label inside the frame, no two labels over each other, zoomed country views (no database)."""

import functools
import itertools
import random
from dataclasses import dataclass

import pytest

from cities.map import COUNTRY_CODES, nordic_map
from cities.map_labels import (
    BASELINE,
    DOT_RADIUS,
    FONT_SIZE,
    LINE_HEIGHT,
    NARROW,
    WIDE,
    Point,
    overlaps,
    place_labels,
    segment_crosses_box,
    text_width,
)
from demo.data import load
from demo.synthetic import AREAS

VIEWS = ["", *COUNTRY_CODES]


@dataclass(frozen=True)
class City:
    title: str
    url: str
    latitude: float
    longitude: float
    country_code: str
    population: int | None


def demo_cities() -> list[City]:
    """The demo's member cities (demo/data/cities.yaml), in the list's order (by name)."""
    cities = [
        City(
            city["name"],
            f"/en/cities/{city['slug']}/",
            city["latitude"],
            city["longitude"],
            city["country"],
            city.get("population"),
        )
        for city in load("cities")["cities"]
    ]
    return sorted(cities, key=lambda city: city.title)


def synthetic_network() -> list[City]:
    """The demo's cities and 180 synthetic ones spread as ``seed_demo --scale 10`` spreads them
    (demo/synthetic.py's areas): 200 member cities."""
    rng = random.Random(2016)
    codes = sorted(AREAS)
    cities = demo_cities()
    for number in range(len(cities) + 1, 201):
        code = codes[number % len(codes)]
        south, north, west, east = AREAS[code]
        cities.append(
            City(
                f"Synthetic city {number:04d}",
                f"/en/cities/synthetic-city-{number:04d}/",
                round(rng.uniform(south, north), 4),
                round(rng.uniform(west, east), 4),
                code,
                rng.randint(20_000, 400_000),
            )
        )
    return sorted(cities, key=lambda city: city.title)


NETWORKS = {"demo": demo_cities(), "synthetic": synthetic_network()}


@functools.cache
def network_map(network: str, country: str):
    """The map of a network's view, made once for the module (it is plain data)."""
    return nordic_map(NETWORKS[network], country_code=country)


def inside(box, frame) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


# The two layouts every map has: the names of a wide map and the numbers of a phone's.
LAYOUTS = {"wide": ("label", WIDE), "narrow": ("narrow_label", NARROW)}


def dot_box(marker, radius=DOT_RADIUS):
    return (marker.x - radius, marker.y - radius, marker.x + radius, marker.y + radius)


def label_box_from_text(label, font_size=FONT_SIZE):
    """The label's box computed again from what the template draws: text, anchor, baseline."""
    width = text_width(label.text, font_size)
    left = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
    top = label.y - BASELINE * font_size
    return (left, top, left + width, top + LINE_HEIGHT * font_size)


def labelled(markers, layout):
    """(marker, its label) in the layout, for the markers that have one."""
    attribute = LAYOUTS[layout][0]
    return [(m, getattr(m, attribute)) for m in markers if getattr(m, attribute) is not None]


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("country", VIEWS)
class TestEveryView:
    @pytest.mark.parametrize("layout", LAYOUTS)
    def test_every_dot_and_label_lies_inside_the_frame(self, network, country, layout):
        city_map = network_map(network, country)
        metrics = LAYOUTS[layout][1]

        for marker in city_map.markers:
            assert inside(dot_box(marker, metrics.dot_radius), city_map.frame), marker.name
        for marker, label in labelled(city_map.markers, layout):
            assert inside(label.box, city_map.frame), marker.name
            assert label_box_from_text(label, metrics.font_size) == pytest.approx(
                label.box, abs=1e-9
            )

    @pytest.mark.parametrize("layout", LAYOUTS)
    def test_no_two_labels_overlap_and_no_label_covers_another_dot(self, network, country, layout):
        markers = network_map(network, country).markers
        radius = LAYOUTS[layout][1].dot_radius
        placed = labelled(markers, layout)

        for (first, first_label), (second, second_label) in itertools.combinations(placed, 2):
            assert not overlaps(first_label.box, second_label.box), (first.name, second.name)
        for (marker, label), (other, _) in itertools.permutations(placed, 2):
            assert not overlaps(label.box, dot_box(other, radius)), (marker.name, other.name)

    @pytest.mark.parametrize("layout", LAYOUTS)
    def test_no_leader_line_crosses_another_label(self, network, country, layout):
        placed = labelled(network_map(network, country).markers, layout)

        for marker, label in placed:
            for other, other_label in placed:
                if label.leader and other is not marker:
                    assert not segment_crosses_box(label.leader, other_label.box)

    def test_a_country_view_shows_only_that_countrys_cities(self, network, country):
        city_map = network_map(network, country)

        expected = [c.title for c in NETWORKS[network] if country in {"", c.country_code}]
        assert [marker.name for marker in city_map.markers] == expected
        assert city_map.country_code == country


class TestTheDemoNetwork:
    @pytest.mark.parametrize("country", VIEWS)
    def test_every_demo_city_is_labelled_with_its_name(self, country):
        markers = nordic_map(demo_cities(), country_code=country).markers

        assert [marker.label.text for marker in markers] == [marker.name for marker in markers]
        assert not nordic_map(demo_cities(), country_code=country).numbered

    @pytest.mark.parametrize("country", VIEWS)
    def test_on_a_phone_every_demo_city_has_its_place_in_the_list_as_its_number(self, country):
        markers = nordic_map(demo_cities(), country_code=country).markers

        assert [marker.narrow_label.text for marker in markers] == [
            str(number) for number in range(1, len(markers) + 1)
        ]
        assert [marker.number for marker in markers] == list(range(1, len(markers) + 1))

    def test_reykjavik_keeps_its_whole_name_inside_the_frame(self):
        city_map = nordic_map(demo_cities())
        reykjavik = next(m for m in city_map.markers if m.name == "Reykjavík")

        assert reykjavik.label.box[0] > 0
        assert inside(reykjavik.label.box, city_map.frame)

    def test_the_capital_regions_use_leader_lines_where_the_dots_crowd(self):
        markers = {m.name: m for m in nordic_map(demo_cities()).markers}

        led = {name for name, marker in markers.items() if marker.label.leader}
        assert led & {"Espoo", "Helsinki", "Vantaa"}
        assert led & {"København", "Malmö", "Helsingborg"}

    def test_a_country_view_zooms_in_so_its_cities_spread_out(self):
        whole = {m.name: m for m in nordic_map(demo_cities()).markers}
        finland = {m.name: m for m in nordic_map(demo_cities(), country_code="fi").markers}

        assert finland["Turku"].x - finland["Helsinki"].x < 4 * (
            whole["Turku"].x - whole["Helsinki"].x
        )
        assert not any(marker.label.leader for marker in finland.values())

    def test_the_placement_is_the_same_every_time(self):
        assert nordic_map(demo_cities()) == nordic_map(demo_cities())


class TestTheSyntheticNetwork:
    def test_a_crowded_view_numbers_cities_in_the_order_of_the_list(self):
        markers = network_map("synthetic", "SE").markers

        numbered = [m for m in markers if m.label and m.label.number]
        assert numbered
        for marker in numbered:
            assert marker.label.text == str(marker.label.number) == str(marker.number)
            assert markers[marker.number - 1] is marker

    def test_each_country_view_labels_nearly_every_city(self):
        for country in COUNTRY_CODES:
            markers = network_map("synthetic", country).markers

            unlabelled = [marker.name for marker in markers if marker.label is None]
            assert len(unlabelled) <= len(markers) // 10, (country, unlabelled)

    def test_on_a_phone_each_country_view_numbers_most_cities(self):
        for country in COUNTRY_CODES:
            markers = network_map("synthetic", country).markers

            unnumbered = [marker.name for marker in markers if marker.narrow_label is None]
            assert len(unnumbered) <= len(markers) // 4, (country, unnumbered)


class TestPlacement:
    FRAME = (0.0, 0.0, 400.0, 300.0)

    def test_a_lone_city_is_labelled_to_the_right_of_its_dot(self):
        (label,) = place_labels([Point("Oslo", 100, 100, (0,))], self.FRAME)

        assert label.anchor == "start"
        assert label.box[0] > 100 + DOT_RADIUS
        assert label.leader is None

    def test_a_city_at_the_right_edge_is_labelled_on_its_left(self):
        (label,) = place_labels([Point("Helsinki", 395, 100, (0,))], self.FRAME)

        assert label.anchor == "end"
        assert label.box[2] < 395 - DOT_RADIUS

    def test_the_more_populous_city_chooses_first(self):
        points = [Point("Espoo", 100, 100, (0,)), Point("Helsinki", 104, 100, (-1,))]

        espoo, helsinki = place_labels(points, self.FRAME)

        assert helsinki.leader is None and helsinki.anchor == "start"
        assert espoo.box != helsinki.box
        assert not overlaps(espoo.box, helsinki.box)

    def test_wider_text_is_estimated_wider(self):
        assert text_width("Wm") > text_width("il")
        assert text_width("Hafnarfjörður") > text_width("Oslo") * 2
