import pytest

from django.conf import settings

from charter.focus_areas import FOCUS_AREAS
from charter.models import FocusArea
from charter.selectors import focus_area_list


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_the_six_focus_areas_exist_in_every_language(language):
    areas = focus_area_list(language=language)

    assert [area.slug for area in areas] == [area["slug"] for area in FOCUS_AREAS]
    assert all(area.locale.language_code == language for area in areas)
    assert all(area.description for area in areas)


@pytest.mark.django_db
def test_a_language_missing_a_translation_falls_back_to_english():
    FocusArea.objects.filter(locale__language_code="is", slug="strong-families").delete()

    areas = {area.slug: area for area in focus_area_list(language="is")}

    assert areas["strong-families"].name == "Strong Families"
    assert areas["safe-communities"].name == "Örugg samfélög"


@pytest.mark.django_db
def test_the_focus_areas_are_fetched_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        focus_area_list(language="fi")


@pytest.mark.django_db
def test_translations_of_an_area_share_its_translation_key():
    keys = FocusArea.objects.filter(slug="safe-online-sphere").values_list(
        "translation_key", flat=True
    )

    assert len(keys) == 6
    assert len(set(keys)) == 1
