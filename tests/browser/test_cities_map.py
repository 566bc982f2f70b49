"""The map of the demo's member cities in Chromium: the labels as the browser draws them
(``getBBox()``) stay inside the frame and clear of each other, on a phone they are numbers big
enough to read that match the list, and the country views work without JavaScript."""

import pytest

from django.conf import settings

from demo.data import load
from tests.factories.cities import member_city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The rendered boxes of every label shown (the other layout is display: none) and of every dot,
# in the SVG's user units, and its viewBox.
RENDERED = """() => {
    const svg = document.querySelector(".nordic-map__svg");
    const box = (element) => {
        const b = element.getBBox();
        return [b.x, b.y, b.x + b.width, b.y + b.height];
    };
    const frame = svg.viewBox.baseVal;
    const shown = [...svg.querySelectorAll(".nordic-map__label")].filter(
        (text) => getComputedStyle(text).display !== "none"
    );
    return {
        frame: [frame.x, frame.y, frame.x + frame.width, frame.y + frame.height],
        labels: shown.map((text) => ({text: text.textContent, box: box(text)})),
        dots: [...svg.querySelectorAll(".nordic-map__dot")].map(box),
    };
}"""

# The labels shown as the screen draws them: their font size in CSS pixels (the computed size in
# the SVG's units times the SVG's scale on screen) and their box in the page; and the frame's.
ON_SCREEN = """() => {
    const svg = document.querySelector(".nordic-map__svg");
    const scale = svg.getScreenCTM().a;
    const box = (element) => {
        const b = element.getBoundingClientRect();
        return [b.left, b.top, b.right, b.bottom];
    };
    return {
        frame: box(svg),
        labels: [...svg.querySelectorAll(".nordic-map__label")]
            .filter((text) => getComputedStyle(text).display !== "none")
            .map((text) => ({
                text: text.textContent,
                city: text.closest("a").querySelector("title").textContent,
                pixels: parseFloat(getComputedStyle(text).fontSize) * scale,
                box: box(text),
            })),
    };
}"""

# The list's entries: the city's name and the number shown beside it ("" when none is shown).
LIST = """() => [...document.querySelectorAll(".city-list li")].map((item) => {
    const badge = item.querySelector(".city-list__number");
    const shown = badge && getComputedStyle(badge).display !== "none";
    return [item.querySelector("a").textContent, shown ? badge.textContent : ""];
})"""


@pytest.fixture
def demo_network(site_tree):
    """The demo's 20 member cities (demo/data/cities.yaml), at their places."""
    return [
        member_city(
            city["name"],
            country=city["country"],
            latitude=str(city["latitude"]),
            longitude=str(city["longitude"]),
            population=city["population"],
        )
        for city in load("cities")["cities"]
    ]


def intersect(first, second) -> bool:
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


def inside(box, frame) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


@pytest.mark.parametrize("query", ["", "?country=fi", "?country=dk"])
def test_the_rendered_labels_stay_inside_the_frame_and_never_touch(
    page, live_server, demo_network, query
):
    page.goto(f"{live_server.url}/en/cities/{query}")

    rendered = page.evaluate(RENDERED)

    labels = rendered["labels"]
    assert len(labels) == len(rendered["dots"]) == page.locator(".city-list li").count()
    for label in labels:
        assert inside(label["box"], rendered["frame"]), label["text"]
    for number, first in enumerate(labels):
        for second in labels[number + 1 :]:
            assert not intersect(first["box"], second["box"]), (first["text"], second["text"])
    for dot in rendered["dots"]:
        assert inside(dot, rendered["frame"])


def test_the_whole_map_names_every_city_reykjavik_included(page, live_server, demo_network):
    page.goto(f"{live_server.url}/en/cities/")

    names = [label["text"] for label in page.evaluate(RENDERED)["labels"]]

    assert sorted(names) == sorted(city["name"] for city in load("cities")["cities"])
    assert page.locator(".nordic-map__leader:visible").count() >= 2
    assert page.locator(".nordic-map__legend").is_hidden()
    assert [number for _, number in page.evaluate(LIST)] == [""] * len(names)


@pytest.mark.parametrize("query", ["", "?country=fi", "?country=dk"])
def test_on_a_phone_the_map_numbers_every_city_legibly_as_the_list_does(
    browser, live_server, demo_network, assert_accessible, query
):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{live_server.url}/en/cities/{query}")

    drawn = phone.evaluate(ON_SCREEN)
    listed = phone.evaluate(LIST)

    labels = drawn["labels"]
    assert len(labels) == len(listed) == phone.locator(".nordic-map__dot").count()
    for label in labels:
        assert label["pixels"] >= 12, label
        assert inside(label["box"], drawn["frame"]), label["text"]
    for number, first in enumerate(labels):
        for second in labels[number + 1 :]:
            assert not intersect(first["box"], second["box"]), (first["text"], second["text"])
    # Each number on the map is the number beside that city in the list, and every city has one.
    assert sorted([label["city"], label["text"]] for label in labels) == sorted(listed)
    assert [number for _, number in listed] == [str(n) for n in range(1, len(listed) + 1)]
    assert phone.locator(".nordic-map__legend").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshots = settings.VAR_DIR / "test-artifacts" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    phone.locator(".cities-map").screenshot(
        path=screenshots / f"cities-map-phone{query.replace('?country=', '-')}.png"
    )
    phone.context.close()


def test_a_country_view_works_without_javascript_and_passes_axe(
    browser, live_server, demo_network, assert_accessible
):
    context = browser.new_context(java_script_enabled=False)
    visitor = context.new_page()
    visitor.goto(f"{live_server.url}/en/cities/")

    visitor.get_by_role("link", name="Finland (4)").click()

    visitor.wait_for_url(f"{live_server.url}/en/cities/?country=fi")
    assert visitor.get_by_role("link", name="Finland (4)").get_attribute("aria-current") == "page"
    names = visitor.locator(".nordic-map__label.nordic-map__wide").all_text_contents()
    assert sorted(names) == ["Espoo", "Helsinki", "Turku", "Vantaa"]
    view_box = [
        float(n) for n in visitor.locator("svg.nordic-map__svg").get_attribute("viewBox").split()
    ]
    for dot in visitor.locator(".nordic-map__dot").all():
        x, y = float(dot.get_attribute("cx")), float(dot.get_attribute("cy"))
        # Framed: well inside the view, not at its edges.
        assert 0.1 * view_box[2] < x < 0.9 * view_box[2]
        assert 0.1 * view_box[3] < y < 0.9 * view_box[3]
    context.close()

    for scheme in ["light", "dark"]:
        page = browser.new_page(color_scheme=scheme)
        page.goto(f"{live_server.url}/en/cities/?country=fi")
        assert_accessible(page)
        page.close()
