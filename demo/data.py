"""The demo data files, ``demo/data/*.yaml``: read with ``yaml.safe_load`` and checked against
the code that owns what they name, so that a typo stops the seeding with the file and the place."""

from pathlib import Path

import yaml

from charter.focus_areas import FOCUS_AREAS

DATA_DIR = Path(__file__).resolve().parent / "data"
# The Charter's focus areas, in their order: the only slugs a data file may name.
FOCUS_AREA_SLUGS = tuple(area["slug"] for area in FOCUS_AREAS)
# Where a list item says which one it is (in an error message).
_ITEM_NAMES = ("key", "slug", "name", "practice")


class DemoDataError(ValueError):
    """A demo data file names something that does not exist."""


def load(name: str):
    """The content of ``demo/data/<name>.yaml``, checked as ``read`` does."""
    return read(DATA_DIR / f"{name}.yaml")


def read(path: Path):
    """A data file's content, every ``focus_areas`` in it checked against the Charter's focus
    areas (``charter/focus_areas.py``); ``focus_areas: all`` stands for all of them."""
    with path.open(encoding="utf-8") as handle:
        return _checked(yaml.safe_load(handle), path.name)


def stream(blocks: list[dict]) -> list[tuple[str, object]]:
    """A StreamField body written as a list of ``{type, value}`` blocks, as a page takes it."""
    return [(block["type"], block["value"]) for block in blocks]


def _checked(value, where: str):
    if isinstance(value, dict):
        return {
            key: (_focus_areas if key == "focus_areas" else _checked)(item, f"{where} → {key}")
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [
            _checked(item, f"{where} → {_item_name(item, number)}")
            for number, item in enumerate(value)
        ]
    return value


def _item_name(item, number: int) -> str:
    if isinstance(item, dict):
        for key in _ITEM_NAMES:
            if isinstance(item.get(key), str):
                return item[key]
    return f"item {number + 1}"


def _focus_areas(value, where: str) -> list[str]:
    if value == "all":
        return list(FOCUS_AREA_SLUGS)
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: a list of focus-area slugs or all, not {value!r}")
    unknown = [slug for slug in value if slug not in FOCUS_AREA_SLUGS]
    if unknown:
        raise DemoDataError(
            f"{where}: unknown focus area {', '.join(map(repr, unknown))}; the Charter's "
            f"(charter/focus_areas.py) are {', '.join(FOCUS_AREA_SLUGS)}, or write all"
        )
    return value
