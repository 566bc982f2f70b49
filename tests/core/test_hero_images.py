"""Hero images: an image's renditions are made when it is saved, and every page type shows its
introduction and hero image under its title, reading the stored rendition, never making one."""

from io import BytesIO

import PIL.Image
import pytest

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from core.models import StandardPage
from core.selectors import HERO_RENDITION, IMAGE_RENDITIONS
from tests.factories.cities import cities_index, member_city
from tests.factories.knowledge import knowledge_index

pytestmark = pytest.mark.django_db

INTRODUCTION = "Cities that share what works against hate."
ALT = "Volunteers in orange vests talk with teenagers on a square at dusk."


def _upload(title: str = "square"):
    buffer = BytesIO()
    PIL.Image.new("RGB", (1600, 900), "#0b3d5c").save(buffer, "PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    image.save()
    return image


def _renditions_made() -> int:
    return get_image_model().get_rendition_model().objects.count()


def _with_hero(page, image):
    page.introduction = INTRODUCTION
    page.hero_image = image
    page.hero_image_alt = ALT
    page.save_revision().publish()
    return page


class TestRenditionsAreMadeWhenAnImageIsSaved:
    def test_saving_an_image_makes_every_rendition_the_pages_show(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            image = _upload()

        made = image.renditions.values_list("filter_spec", flat=True)
        assert sorted(made) == sorted(IMAGE_RENDITIONS)

    def test_saving_the_image_again_makes_no_second_copy(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            image = _upload()
        with django_capture_on_commit_callbacks(execute=True):
            image.title = "Square at dusk"
            image.save()

        assert image.renditions.count() == len(IMAGE_RENDITIONS)


PAGES = {
    "/en/": lambda home: home,
    "/en/about/": lambda home: StandardPage.objects.child_of(home).get(slug="about"),
    "/en/cities/": lambda home: cities_index(),
    "/en/cities/oslo/": lambda home: member_city("Oslo").city_page,
    "/en/knowledge/": lambda home: knowledge_index(),
}


@pytest.mark.parametrize("url", PAGES)
def test_the_page_shows_its_introduction_and_hero_image_under_the_title(
    client, site_tree, django_capture_on_commit_callbacks, url
):
    with django_capture_on_commit_callbacks(execute=True):
        image = _upload()
    _with_hero(PAGES[url](site_tree), image)
    rendition = image.renditions.get(filter_spec=HERO_RENDITION)
    made = _renditions_made()

    html = client.get(url).content.decode()

    hero = f'<img class="hero-image" src="{rendition.url}" width="1200" height="500" alt="{ALT}">'
    assert html.index("</h1>") < html.index(f'<p class="lead">{INTRODUCTION}</p>')
    assert html.index(f'<p class="lead">{INTRODUCTION}</p>') < html.index(hero)
    assert _renditions_made() == made  # the request read the rendition and made none


def test_an_image_whose_renditions_are_not_made_yet_shows_no_hero_and_the_visitor_makes_none(
    client, site_tree
):
    _with_hero(site_tree, _upload())  # the test's transaction never commits: no rendition task

    html = client.get("/en/").content.decode()

    assert 'class="hero-image"' not in html
    assert _renditions_made() == 0


def test_the_home_page_with_a_hero_image_runs_one_query_more(
    client, site_tree, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        _with_hero(site_tree, _upload())
    client.get("/en/")  # warms the cached menu, footer and figures
    # As without a hero image (none, tests/core/test_home.py), and the hero's rendition with its
    # image (1).
    with django_assert_num_queries(1):
        html = client.get("/en/").content.decode()
    assert 'class="hero-image"' in html
