"""Text helpers shared by every app."""

from django.utils.text import slugify

# Nordic letters that Unicode does not decompose into a Latin letter and an accent.
_NORDIC_LETTERS = str.maketrans(
    {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"}
)


def slug_from_name(name: str, *, default: str = "page") -> str:
    """A URL slug in Latin letters: "København" → "kobenhavn", "Hafnarfjörður" → "hafnarfjordur".

    Accented letters (å, ä, ö, í...) lose their accent through Django's slugify."""
    return slugify(name.translate(_NORDIC_LETTERS)) or default
