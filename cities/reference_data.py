"""The five Nordic countries (reference rows; see ``core.reference_data`` for the pattern)."""

NORDIC_COUNTRY_CODES = ["DK", "FI", "IS", "NO", "SE"]


def ensure_countries(country_model) -> None:
    for code in NORDIC_COUNTRY_CODES:
        country_model.objects.get_or_create(code=code)
