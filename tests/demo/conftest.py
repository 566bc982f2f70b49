"""The demo's real data files cut down to two member cities, for the tests that seed them."""

import pytest

from tests.demo.small_network import two_cities_of_demo_data as write_two_cities


@pytest.fixture
def two_cities_of_demo_data(tmp_path, monkeypatch):
    """The real data files cut down to their first two member cities (``small_network``), in
    place of the real ones."""
    data = write_two_cities(tmp_path)
    monkeypatch.setattr("demo.data.DATA_DIR", tmp_path)
    return data
