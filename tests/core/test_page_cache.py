import pytest

from core.cache import MemoryTier
from core.page_cache import CachedPage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, site_tree):
    settings.PAGE_CACHE_SECONDS = 600
    return site_tree


def test_an_anonymous_visitor_gets_the_second_view_from_the_cache_without_queries(
    client, cached, django_assert_num_queries
):
    first = client.get("/en/about/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/about/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "About the network" in second.content.decode()
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_publishing_a_change_shows_at_once(client, cached):
    from core.models import StandardPage

    client.get("/en/about/")
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the Nordic network"
    about.save_revision().publish()

    response = client.get("/en/about/")

    assert response["X-Page-Cache"] == "miss"
    assert "About the Nordic network" in response.content.decode()


def test_signed_in_people_are_never_served_from_the_cache(client, cached):
    client.get("/en/about/")
    client.force_login(UserFactory(name="Kari Nordmann"))

    response = client.get("/en/about/")

    assert "X-Page-Cache" not in response
    assert "Sign out" in response.content.decode()


def test_pages_with_a_form_are_not_cached(client, cached):
    client.get("/en/join/")

    assert "X-Page-Cache" not in client.get("/en/join/")


def test_each_language_and_query_string_is_its_own_entry(client, cached):
    client.get("/en/about/")

    assert client.get("/sv/about/")["X-Page-Cache"] == "miss"
    assert client.get("/en/about/?x=1")["X-Page-Cache"] == "miss"


def test_making_a_page_private_stops_serving_it_from_the_cache_at_once(client, cached):
    from wagtail.models import PageViewRestriction

    from core.models import StandardPage

    assert client.get("/en/about/").status_code == 200
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    # Wagtail's Privacy dialog saves a restriction without publishing the page.
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/about/")

    assert "X-Page-Cache" not in response
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/about/"


def _cached_about(client) -> None:
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_signing_in_and_out_leaves_the_cache_warm(client, cached):
    from django.test import Client

    _cached_about(client)
    person = Client()
    person.force_login(UserFactory())
    person.logout()  # the session row is deleted

    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_membership_application_leaves_the_cache_warm(client, cached):
    from django.test import Client

    from cities.models import MembershipApplication
    from tests.factories.cities import application_form_data

    _cached_about(client)
    response = Client().post("/en/join/", application_form_data())

    assert response.status_code == 302
    assert MembershipApplication.objects.filter(city_name="Tampere").exists()
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_change_of_a_city_public_data_empties_the_cache_at_once(client, cached):
    from tests.factories.cities import PartnerFactory

    _cached_about(client)
    PartnerFactory(name="Fjord Sports Alliance")

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_empties_the_cache_at_once(client, cached):
    from core.models import StandardPage

    client.get("/en/")
    StandardPage.objects.get(slug="about", locale__language_code="en").unpublish()

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "miss"
    assert 'href="/en/about/"' not in response.content.decode()


def test_the_menu_figures_and_pages_are_kept_under_one_version_that_a_change_moves_on(
    client, cached, django_assert_num_queries
):
    from core.content_cache import content_changed
    from core.selectors import network_figures, site_chrome

    client.get("/en/")
    with django_assert_num_queries(0):
        menu = site_chrome(language="en")
        figures = network_figures(language="en")
    assert "About the network" in [item.title for item in menu.menu]
    assert figures

    content_changed()

    # Every cache of public content is rebuilt after one increment, not one deletion per cache.
    # locale, site with its home page, view restrictions, menu pages, settings with linked pages
    with django_assert_num_queries(5):
        assert site_chrome(language="en") == menu
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_deleting_an_image_empties_the_cache_at_once(client, cached):
    from tests.factories.knowledge import picture

    image = picture("A square at dusk")
    _cached_about(client)
    image.delete()

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_hero_shows_as_soon_as_its_renditions_are_made_and_not_again_after(client, cached):
    from core.services import image_renditions_create
    from tests.factories.knowledge import picture

    image = picture("A bridge in fog")
    image.renditions.all().delete()
    _cached_about(client)

    assert image_renditions_create(image=image) == 3
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    assert image_renditions_create(image=image) == 0  # nothing new: the cache stays warm
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def _version_read(cache) -> str:
    """How the version is read: on Redis it is watched (``get_watched``: no round trip while it
    has not changed, tests/core/test_cache.py), elsewhere read as any value."""
    return "get_watched" if hasattr(cache, "get_watched") else "get"


class _Recorded:
    """The cache, with the name of every operation asked of it recorded."""

    def __init__(self, cache):
        self.cache = cache
        self.operations = []

    def __getattr__(self, name):
        operation = getattr(self.cache, name)

        def recorded(*args, **kwargs):
            self.operations.append(name)
            return operation(*args, **kwargs)

        return recorded


def test_a_process_serves_a_page_it_served_before_asking_the_cache_for_the_version_alone(
    client, cached, monkeypatch
):
    from django.core.cache import cache

    first = client.get("/en/about/")
    recorded = _Recorded(cache)
    monkeypatch.setattr("core.page_cache.cache", recorded)
    monkeypatch.setattr("core.content_cache.cache", recorded)

    second = client.get("/en/about/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert recorded.operations == [_version_read(cache)]


def test_another_process_takes_the_page_from_the_shared_cache_in_one_round_trip(
    cached, monkeypatch
):
    from django.core.cache import cache
    from django.test import Client

    first = Client().get("/en/about/")
    recorded = _Recorded(cache)
    monkeypatch.setattr("core.page_cache.cache", recorded)
    monkeypatch.setattr("core.content_cache.cache", recorded)

    # A client of its own is a middleware of its own, as another process has: its memory is empty.
    second = Client().get("/en/about/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert recorded.operations == [_version_read(cache), "get"]


def test_no_process_serves_a_page_it_keeps_in_memory_after_a_change(cached):
    from django.test import Client

    from core.models import StandardPage

    processes = [Client(), Client()]
    for process in processes:
        process.get("/en/about/")
        assert process.get("/en/about/")["X-Page-Cache"] == "hit"
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the Nordic network"
    about.save_revision().publish()

    first, second = (process.get("/en/about/") for process in processes)

    # The first makes the page again; the second takes that from the shared cache.
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "About the Nordic network" in first.content.decode()
    assert second.content == first.content


def test_a_change_by_a_signal_alone_is_enough_to_stop_serving_from_memory(client, cached):
    from core.content_cache import content_changed

    _cached_about(client)
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"

    content_changed()

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_emptying_the_cache_stops_serving_the_pages_kept_in_memory(client, cached):
    from django.core.cache import cache

    _cached_about(client)
    cache.clear()  # the version too: a new series starts

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_a_page_is_not_served_past_the_page_cache_timeout_even_from_memory(
    client, cached, monkeypatch
):
    import time

    _cached_about(client)
    now = time.time()
    monkeypatch.setattr("core.page_cache.time.time", lambda: now + 601)

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_compressed_and_identity_answers_are_kept_apart(client, cached):
    gzip = {"accept-encoding": "gzip, deflate"}
    first_gzip = client.get("/en/about/", headers=gzip)
    first_plain = client.get("/en/about/")

    second_gzip = client.get("/en/about/", headers=gzip)
    second_plain = client.get("/en/about/")

    assert [first_gzip["X-Page-Cache"], first_plain["X-Page-Cache"]] == ["miss", "miss"]
    assert [second_gzip["X-Page-Cache"], second_plain["X-Page-Cache"]] == ["hit", "hit"]
    assert second_gzip["Content-Encoding"] == "gzip"
    assert second_gzip.content == first_gzip.content
    assert "Content-Encoding" not in second_plain
    assert "About the network" in second_plain.content.decode()


def test_a_head_request_is_answered_with_the_headers_of_the_cached_page(client, cached):
    first = client.get("/en/about/")

    head = client.head("/en/about/")

    assert head["X-Page-Cache"] == "hit"
    assert head["Content-Type"] == first["Content-Type"]
    assert head["Content-Length"] == first["Content-Length"]
    assert head.content == b""


def _page(body: bytes):
    import time

    from core.page_cache import CachedPage

    return CachedPage(version=1, expires=time.time() + 600, headers=(), body=body)


def test_the_memory_tier_keeps_the_pages_served_last_within_its_count():
    memory = MemoryTier(entries=2, max_bytes=1000, size=CachedPage.size)
    memory.put("a", _page(b"a"))
    memory.put("b", _page(b"b"))
    assert memory.get("a") is not None  # "a" was served more recently than "b"
    memory.put("c", _page(b"c"))

    assert len(memory) == 2
    assert memory.get("b") is None
    assert (memory.get("a").body, memory.get("c").body) == (b"a", b"c")


def test_the_memory_tier_stays_within_its_bytes_and_keeps_no_page_larger_than_them():
    memory = MemoryTier(entries=100, max_bytes=250, size=CachedPage.size)
    for key in "abcdef":
        memory.put(key, _page(key.encode() * 100))
        assert memory.bytes <= 250
    memory.put("large", _page(b"x" * 251))

    assert len(memory) == 2
    assert memory.bytes == 200
    assert memory.get("large") is None
    assert [memory.get(key) is not None for key in "abcdef"] == [False] * 4 + [True] * 2


def test_a_page_stored_again_replaces_its_earlier_entry_in_the_memory_tier():
    memory = MemoryTier(entries=10, max_bytes=1000, size=CachedPage.size)
    memory.put("a", _page(b"old" * 10))
    memory.put("a", _page(b"new"))

    assert (len(memory), memory.bytes, memory.get("a").body) == (1, 3, b"new")


def test_a_page_made_while_a_change_was_not_yet_committed_is_not_served_after_the_commit(
    client, cached, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from core.content_cache import content_changed

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed()  # as a signal sends it, before the change is committed
        # Another visitor, who sees the new version and the rows as they were.
        assert client.get("/en/about/")["X-Page-Cache"] == "miss"
        assert client.get("/en/about/")["X-Page-Cache"] == "hit"

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
