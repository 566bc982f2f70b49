"""The demo's real data files cut down to two member cities, for the tests that seed them."""

from pathlib import Path

import yaml

from demo.data import DATA_DIR, load


def two_cities_of_demo_data(directory: Path) -> dict:
    """Write into ``directory`` the real data files cut down to their first two member cities and
    what those need: their partners, the first two practices that started there, their
    translations and submitted case studies, one resource, one application (the whole network
    takes 25 s to seed in a test). Returns the data written."""
    data = {path.stem: load(path.stem) for path in DATA_DIR.glob("*.yaml")}
    data["cities"]["cities"] = data["cities"]["cities"][:2]
    slugs = {city["slug"] for city in data["cities"]["cities"]}
    data["partners"]["partners"] = [
        partner for partner in data["partners"]["partners"] if partner["city"] in slugs
    ]
    data["applications"]["applications"] = data["applications"]["applications"][:1]
    case_studies = data["case_studies"]
    case_studies["practices"] = [
        practice for practice in case_studies["practices"] if practice["cities"][0]["city"] in slugs
    ][:2]
    case_studies["pending"] = [
        practice for practice in case_studies["pending"] if practice["cities"][0]["city"] in slugs
    ]
    data["library"]["resources"] = data["library"]["resources"][:1]
    used = {
        practice["focus_areas"][0]
        for practice in case_studies["practices"] + case_studies["pending"]
    } | {resource["illustration"] for resource in data["library"]["resources"]}
    illustrations = data["illustrations"]["illustrations"]
    data["illustrations"]["illustrations"] = {key: illustrations[key] for key in used}
    for name, content in data.items():
        (directory / f"{name}.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True), encoding="utf-8"
        )
    return data
