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


def dot_box(marker):
    return (
        marker.x - DOT_RADIUS,
        marker.y - DOT_RADIUS,
        marker.x + DOT_RADIUS,
        marker.y + DOT_RADIUS,
    )


def label_box_from_text(label):
    """The label's box computed again from what the template draws: text, anchor, baseline."""
    width = text_width(label.text)
    left = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
    top = label.y - BASELINE * FONT_SIZE
    return (left, top, left + width, top + LINE_HEIGHT * FONT_SIZE)


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("country", VIEWS)
class TestEveryView:
    def test_every_dot_and_label_lies_inside_the_frame(self, network, country):
        city_map = network_map(network, country)

        for marker in city_map.markers:
            assert inside(dot_box(marker), city_map.frame), marker.name
            if marker.label:
                assert inside(marker.label.box, city_map.frame), marker.name
                assert label_box_from_text(marker.label) == pytest.approx(
                    marker.label.box, abs=1e-9
                )

    def test_no_two_labels_overlap_and_no_label_covers_another_dot(self, network, country):
        markers = network_map(network, country).markers
        labelled = [marker for marker in markers if marker.label]

        for first, second in itertools.combinations(labelled, 2):
            assert not overlaps(first.label.box, second.label.box), (first.name, second.name)
        for marker, other in itertools.permutations(labelled, 2):
            assert not overlaps(marker.label.box, dot_box(other)), (marker.name, other.name)

    def test_no_leader_line_crosses_another_label(self, network, country):
        markers = network_map(network, country).markers
        led = [marker for marker in markers if marker.label and marker.label.leader]

        for marker in led:
            for other in markers:
                if other is not marker and other.label:
                    assert not segment_crosses_box(marker.label.leader, other.label.box)

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

        numbered = [m.label for m in markers if m.label and m.label.number]
        assert numbered
        assert [label.number for label in numbered] == sorted(label.number for label in numbered)
        assert all(label.text == str(label.number) for label in numbered)

    def test_each_country_view_labels_nearly_every_city(self):
        for country in COUNTRY_CODES:
            markers = network_map("synthetic", country).markers

            unlabelled = [marker.name for marker in markers if marker.label is None]
            assert len(unlabelled) <= len(markers) // 10, (country, unlabelled)


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
