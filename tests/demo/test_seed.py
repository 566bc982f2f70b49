from io import StringIO

import pytest

from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from charter.focus_areas import FOCUS_AREAS
from cities.models import CityPage
from demo.accounts import DEMO_PASSWORD, SECRETARIAT_EMAIL, coordinator_email
from demo.data import DATA_DIR, DemoDataError, load, read
from events.models import EventPage
from knowledge.models import CaseStudyPage, LibraryEntry

CHARTER_SLUGS = [area["slug"] for area in FOCUS_AREAS]


def _focus_area_lists(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from [item] if key == "focus_areas" else _focus_area_lists(item)
    elif isinstance(value, list):
        for item in value:
            yield from _focus_area_lists(item)


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda path: path.name)
def test_every_data_file_loads_and_names_only_the_charters_focus_areas(path):
    data = load(path.stem)

    assert data
    assert all(set(areas) <= set(CHARTER_SLUGS) for areas in _focus_area_lists(data))


def test_focus_areas_all_stands_for_the_charters_six_in_their_order():
    guide = next(
        resource
        for resource in load("library")["resources"]
        if resource["slug"] == "safe-cities-guide"
    )

    assert guide["focus_areas"] == CHARTER_SLUGS


def test_an_unknown_focus_area_stops_loading_and_names_the_file_the_item_and_the_slug(tmp_path):
    path = tmp_path / "case_studies.yaml"
    path.write_text(
        "practices:\n- key: night-walkers\n  focus_areas: [safe-urban-space, safe-streets]\n",
        encoding="utf-8",
    )

    with pytest.raises(DemoDataError) as error:
        read(path)

    message = str(error.value)
    assert message.startswith("case_studies.yaml → practices → night-walkers → focus_areas:")
    assert "unknown focus area 'safe-streets'" in message
    assert "safe-urban-space, safe-online-sphere, strong-families" in message


def test_focus_areas_written_as_one_slug_instead_of_a_list_is_an_error(tmp_path):
    path = tmp_path / "partners.yaml"
    path.write_text(
        "partners:\n- name: Fjord Sports\n  focus_areas: safe-urban-space\n", encoding="utf-8"
    )

    with pytest.raises(DemoDataError) as error:
        read(path)

    assert str(error.value) == (
        "partners.yaml → partners → Fjord Sports → focus_areas: "
        "a list of focus-area slugs or all, not 'safe-urban-space'"
    )


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def _seed_demo() -> str:
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_seeding_twice_builds_the_network_once(two_cities_of_demo_data):
    data = two_cities_of_demo_data
    first_output = _seed_demo()
    after_first = _row_counts()

    _seed_demo()

    assert _row_counts() == after_first
    lines = first_output.splitlines()[:-1]
    parts = list(dict.fromkeys(line.split(":")[0].strip() for line in lines))
    # Each part says what it made and how long it took.
    assert {line.split(":")[0].strip() for line in lines if "done in" in line} == set(parts) - {
        "library"
    }
    assert parts == [
        "shell",
        "accounts",
        "cities",
        "knowledge",
        "documents",
        "progress",
        "events",
        "newsletter",
        "translations",
        "library",
    ]
    assert set(
        EventPage.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    ) == {spec["slug"] for spec in load("events")["events"]}
    # The library has a row for every live case study in every language tree.
    assert set(LibraryEntry.objects.values_list("page_id", flat=True)) == set(
        CaseStudyPage.objects.live().values_list("pk", flat=True)
    )
    cities = [city["slug"] for city in data["cities"]["cities"]]
    assert set(
        CityPage.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    ) == set(cities)
    case_studies = CaseStudyPage.objects.filter(locale__language_code="en")
    assert set(case_studies.live().values_list("slug", flat=True)) == {
        practice["key"] for practice in data["case_studies"]["practices"]
    }
    assert set(case_studies.filter(live=False).values_list("slug", flat=True)) == {
        practice["key"] for practice in data["case_studies"]["pending"]
    }
    # Each published case study also in its city's language, where it was written first.
    assert CaseStudyPage.objects.filter(
        alias_of__isnull=True, locale__language_code__in=["nb", "sv", "da", "fi", "is"]
    ).count() == sum(
        entry["city"] in cities
        for practice in data["case_studies"]["practices"]
        for entry in practice["cities"]
    )
    assert authenticate(email=SECRETARIAT_EMAIL, password=DEMO_PASSWORD) is not None
    assert authenticate(email=coordinator_email(cities[0]), password=DEMO_PASSWORD) is not None
