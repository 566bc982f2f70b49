"""Path converters: ids are checked in the URL, before they reach the database."""

from django.urls import register_converter


class IdConverter:
    """A row id: 1 to 18 digits. Larger numbers (2⁶³ and up do not fit the database's
    integers and made some lookups raise) never match: the address is simply not found."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register_converters() -> None:
    """Called from ``CoreConfig.ready``, before any URLconf is imported."""
    register_converter(IdConverter, "id")
