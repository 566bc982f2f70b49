"""The public shell in the portal's other languages (demo/translations.py): real wagtail-localize
translations of the English pages, made once."""

import pytest
import yaml

from django.conf import settings

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from accounts.models import Role
from core.models import StandardPage
from core.services import page_create
from demo.data import DemoDataError, load
from demo.translations import DATA_FILE, shell_translate
from tests.factories.accounts import UserFactory, sign_in

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _texts(value):
    if isinstance(value, dict) and "en" in value:
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_every_text_of_the_shell_is_translated_into_every_language():
    texts = list(_texts(load(DATA_FILE)))

    assert texts
    assert [text["en"] for text in texts if set(text) != {"en", *LANGUAGES}] == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shell_is_a_synced_wagtail_localize_translation_in_every_language(site_tree, language):
    data = load(DATA_FILE)
    english = StandardPage.objects.child_of(site_tree).get(slug="about")

    about = StandardPage.objects.get(
        translation_key=english.translation_key, locale__language_code=language
    )

    assert about.alias_of_id is None
    assert (about.live, about.has_unpublished_changes) == (True, False)
    assert about.title == data["about"]["title"][language]
    assert about.slug == "about"  # the address stays /<language>/about/
    assert about.url_path == f"{about.get_parent().url_path}about/"
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=about.locale
    )
    assert translation.enabled
    segments = StringSegment.objects.filter(source=translation.source).count()
    assert (
        StringTranslation.objects.filter(
            locale=about.locale,
            context__object_id=english.translation_key,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        ).count()
        == segments
    )


@pytest.mark.django_db
def test_the_secretariat_edits_a_translated_page_in_wagtail_localizes_editor(client, site_tree):
    sign_in(client, UserFactory(role=Role.SECRETARIAT))
    english = StandardPage.objects.child_of(site_tree).get(slug="privacy")
    danish = StandardPage.objects.get(
        translation_key=english.translation_key, locale__language_code="da"
    )

    response = client.get(f"/admin/pages/{danish.pk}/edit/")

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [
        template.name for template in response.templates
    ]


@pytest.mark.django_db
def test_translating_again_leaves_what_a_translator_changed(site_tree):
    finnish = Page.objects.get(
        translation_key=site_tree.translation_key, locale__language_code="fi"
    ).specific
    finnish.title = "Turvalliset kaupungit kaikille ihmisille"
    finnish.save_revision().publish()

    assert shell_translate() == 0

    finnish.refresh_from_db()
    assert finnish.title == "Turvalliset kaupungit kaikille ihmisille"


@pytest.mark.django_db
def test_an_english_text_that_changed_stops_the_seeding_naming_the_page_and_the_field(
    site_tree, tmp_path, monkeypatch
):
    page_create(parent=site_tree, page=StandardPage(title="Board papers", slug="board"))
    (tmp_path / f"{DATA_FILE}.yaml").write_text(
        yaml.safe_dump({"board": {"title": {"en": "Board minutes", "da": "Bestyrelsen"}}}),
        encoding="utf-8",
    )
    monkeypatch.setattr("demo.data.DATA_DIR", tmp_path)

    with pytest.raises(DemoDataError) as error:
        shell_translate()

    assert str(error.value) == (
        f"{DATA_FILE}.yaml → board → title → item 1: the English page says 'Board papers',"
        " not 'Board minutes'"
    )
    board = Page.objects.filter(slug="board").exclude(locale=Locale.get_default())
    assert all(page.alias_of_id is not None for page in board)
