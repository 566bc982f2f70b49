"""The public page of a case study, and of a resource: what they show, to whom, and at what cost."""

import datetime
import json
import re
from io import BytesIO
from types import SimpleNamespace

import PIL.Image
import pytest

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from accounts.models import Role
from charter.models import FocusArea
from cities.models import Country, Partner
from core.selectors import HERO_RENDITION
from core.services import image_renditions_create, page_create
from knowledge.models import ResourceDocument, ResourcePage, Visibility
from knowledge.services import case_study_create
from tests.factories.accounts import UserFactory
from tests.factories.cities import cities_index, coordinator_of, member_city
from tests.factories.knowledge import knowledge_index
from tests.worlds import once_per_class, once_per_module

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _image(title: str, colour: str = "#0b3d5c", *, renditions: bool = True) -> Image:
    buffer = BytesIO()
    PIL.Image.new("RGB", (1600, 900), colour).save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    image.save()
    if renditions:
        # What saving an image makes once its transaction commits (core.signals), which the
        # test's transaction never does.
        image_renditions_create(image=image)
    return image


def _practice(membership, title, *, areas, groups=(), visibility=Visibility.PUBLIC, **fields):
    return case_study_create(
        city_page=membership.city_page,
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        summary=fields.pop("summary", f"What {title} does."),
        period_start=fields.pop("period_start", datetime.date(2023, 9, 1)),
        focus_areas=list(areas),
        target_groups=list(groups),
        visibility=visibility,
        **fields,
    )


def _network():
    cities_index()
    oslo = member_city("Oslo", country="NO")
    stockholm = member_city("Stockholm", country="SE", latitude="59.3293", longitude="18.0686")
    aarhus = member_city("Aarhus", country="DK", latitude="56.1629", longitude="10.2039")
    norway = Country.objects.get(code="NO")
    open_partner = Partner.objects.create(
        name="Fjord Sports Alliance",
        kind="ngo",
        country=norway,
        website="https://fjordsports.example.org",
        public_consent=True,
    )
    quiet_partner = Partner.objects.create(
        name="Quiet Helpers", kind="ngo", country=norway, public_consent=False
    )
    page = _practice(
        oslo,
        "Night walkers",
        areas=["safe-urban-space", "safe-communities"],
        groups=["families", "local-communities"],
        summary="Parents and volunteers walk the streets of Grønland on weekend nights.",
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2024, 6, 30),
        status="completed",
        evidence_level="evaluated",
        partners=[open_partner, quiet_partner],
        adopted_by=[stockholm.city_page],
        contact_name="Ingrid Haugland",
        contact_email="safecity.oslo@example.org",
        hero_image=_image("night-walk"),
        hero_image_alt="Two volunteers in orange vests talk with teenagers on a square.",
        body=[
            ("heading", {"heading": "How it works", "level": "h2"}),
            ("paragraph", RichText("<p>Teams of three walk set routes from 21:00.</p>")),
            (
                "key_facts",
                [
                    {"label": "Volunteers", "value": "140"},
                    {"label": "Nights a year", "value": "96"},
                ],
            ),
            ("results", RichText("<p>Reported violence on the square fell by a third.</p>")),
        ],
    )
    related = {
        "members": _practice(
            stockholm,
            "Exit talks",
            areas=["safe-urban-space", "safe-communities"],
            groups=["families", "local-communities"],
            visibility=Visibility.MEMBERS,
        ),
        "close": _practice(
            stockholm,
            "Square hosts",
            areas=["safe-urban-space", "safe-communities"],
            groups=["local-communities"],
        ),
        "near": _practice(aarhus, "Light in the park", areas=["safe-urban-space"]),
        "unrelated": _practice(aarhus, "Online mentors", areas=["safe-online-sphere"]),
    }
    own = {
        "public": _practice(oslo, "Parent cafés", areas=["strong-families"]),
        "members": _practice(
            oslo, "Case conferences", areas=["strong-families"], visibility=Visibility.MEMBERS
        ),
    }
    return SimpleNamespace(
        oslo=oslo, stockholm=stockholm, aarhus=aarhus, page=page, related=related, own=own
    )


network, network_built = once_per_module("network", _network)


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestWhatThePageShows:
    def test_the_fields_of_the_case_study(self, client, network):
        html = _html(client, network.page.url)

        assert "<h1" in html and "Night walkers</h1>" in html
        assert '<a href="/en/cities/oslo/">Oslo</a>, Norway' in html
        assert "Parents and volunteers walk the streets of Grønland" in html
        assert 'alt="Two volunteers in orange vests talk with teenagers on a square."' in html
        assert "Teams of three walk set routes from 21:00." in html
        assert "<dt>Volunteers</dt><dd>140</dd>" in html
        assert "Reported violence on the square fell by a third." in html
        assert "March 2021 \u2013 June 2024" in html
        assert "Completed" in html
        assert "Evaluated" in html
        assert '<a href="https://fjordsports.example.org" rel="noopener">' in html
        assert "Quiet Helpers" not in html
        assert '<a href="/en/cities/stockholm/">Stockholm</a>' in html
        assert "Ingrid Haugland" in html
        assert 'href="mailto:safecity.oslo@example.org"' in html
        for name in ("Safe Urban Space", "Safe Communities"):  # each after its icon
            assert f"</svg>{name}</li>" in html
        for name in ("Families", "Local communities"):
            assert f"<li>{name}</li>" in html

    def test_the_hero_image_is_its_stored_rendition_and_the_request_makes_none(
        self, client, network
    ):
        rendition = network.page.hero_image.renditions.get(filter_spec=HERO_RENDITION)
        made = Image.get_rendition_model().objects.count()

        html = _html(client, network.page.url)

        assert f'<img class="hero-image" src="{rendition.url}" width="1200" height="500"' in html
        assert Image.get_rendition_model().objects.count() == made

    def test_a_hero_image_shows_as_soon_as_its_rendition_is_made(self, client, network):
        image = _image("late-light", renditions=False)
        page = _practice(
            network.oslo,
            "Late light",
            areas=["safe-urban-space"],
            hero_image=image,
            hero_image_alt="A street lamp lights a bench.",
        )
        assert 'class="hero-image"' not in _html(client, page.url)

        image_renditions_create(image=image)

        assert 'alt="A street lamp lights a bench."' in _html(client, page.url)

    def test_focus_areas_and_cities_in_the_visitors_language(self, client, network):
        html = _html(client, "/sv/cities/oslo/night-walkers/")

        assert "</svg>Trygg stadsmiljö</li>" in html
        assert '<a href="/sv/cities/stockholm/">Stockholm</a>' in html
        assert '<a href="/sv/cities/oslo/">Oslo</a>, Norge' in html

    def test_related_practices_of_other_cities_by_overlap_without_members_only_ones(
        self, client, network
    ):
        detail = client.get(network.page.url).context["detail"]

        assert [card.title for card in detail.related] == ["Square hosts", "Light in the park"]
        assert [card.city for card in detail.related] == ["Stockholm", "Aarhus"]
        assert [card.title for card in detail.city_practices] == ["Parent cafés"]

    def test_members_of_the_network_also_see_the_members_only_practices(self, client, network):
        client.force_login(coordinator_of(network.aarhus))

        detail = client.get(network.page.url).context["detail"]

        assert [card.title for card in detail.related] == [
            "Exit talks",
            "Square hosts",
            "Light in the park",
        ]
        assert [card.title for card in detail.city_practices] == [
            "Case conferences",
            "Parent cafés",
        ]
        assert detail.related[0].members_only

    def test_at_most_four_related_practices_and_four_of_the_city(self, client, network):
        for number in range(5):
            _practice(network.aarhus, f"Square idea {number}", areas=["safe-urban-space"])
            _practice(network.oslo, f"Oslo idea {number}", areas=["strong-families"])

        detail = client.get(network.page.url).context["detail"]

        assert len(detail.related) == 4
        assert len(detail.city_practices) == 4

    def test_a_preview_shows_the_editors_changes_and_leaves_the_public_page_alone(
        self, client, network
    ):
        page = network.page
        client.get(page.url)  # the public page's detail is now cached
        strong_families = FocusArea.objects.get(locale__language_code="en", slug="strong-families")
        client.force_login(coordinator_of(network.oslo))
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
        data.setlist("focus_areas", [str(strong_families.pk)])
        data["body-count"] = "0"  # the body is drawn by JavaScript

        assert client.post(preview_url, data).json()["is_valid"]
        preview = client.get(preview_url).content.decode()

        assert "</svg>Strong Families</li>" in preview
        assert "</svg>Safe Urban Space</li>" not in preview
        client.logout()
        assert "</svg>Safe Urban Space</li>" in _html(client, page.url)


class TestMetadata:
    def test_open_graph_tags(self, client, network):
        html = _html(client, network.page.url)

        assert '<meta property="og:type" content="article">' in html
        assert '<meta property="og:title" content="Night walkers">' in html
        assert '<meta property="og:description" content="Parents and volunteers walk' in html
        assert (
            '<meta property="og:url" content="http://testserver/en/cities/oslo/night-walkers/">'
            in html
        )
        assert '<meta property="og:locale" content="en_GB">' in html
        assert re.search(r'<meta property="og:image" content="http://testserver/\S+\.png">', html)

    def test_the_open_graph_locale_follows_the_language(self, client, network):
        html = _html(client, "/nb/cities/oslo/night-walkers/")

        assert '<meta property="og:locale" content="nb_NO">' in html
        assert 'content="http://testserver/nb/cities/oslo/night-walkers/"' in html

    def test_json_ld_is_valid_json_in_a_script_with_the_csp_nonce(self, client, network):
        response = client.get(network.page.url)
        html = response.content.decode()

        match = re.search(
            r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
        )
        assert match, html
        nonce, body = match.groups()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        data = json.loads(body)
        assert data["@type"] == "Article"
        assert data["name"] == "Night walkers"
        assert data["description"].startswith("Parents and volunteers")
        assert data["datePublished"]
        assert data["author"] == {
            "@type": "GovernmentOrganization",
            "name": "Oslo",
            "url": "http://testserver/en/cities/oslo/",
        }
        assert data["publisher"]["name"] == "Nordic Safe Cities"
        assert [about["name"] for about in data["about"]] == [
            "Safe Urban Space",
            "Safe Communities",
        ]


class TestMembersOnlyCaseStudies:
    @pytest.fixture
    def url(self, network):
        return network.related["members"].url

    def test_anonymous_visitors_are_asked_to_sign_in(self, client, url):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"

    def test_a_member_of_the_public_is_refused(self, client, url):
        client.force_login(UserFactory())

        assert client.get(url).status_code == 403

    def test_coordinators_of_any_city_and_the_secretariat_read_it(self, client, network, url):
        client.force_login(coordinator_of(network.oslo))
        assert client.get(url).status_code == 200

        client.force_login(UserFactory(role=Role.SECRETARIAT))
        assert client.get(url).status_code == 200


class TestTheEditor:
    """The classification fields as a Swedish coordinator sees them in the Wagtail editor."""

    def test_the_six_focus_areas_are_offered_once_each_in_the_editors_language(
        self, client, network
    ):
        page = network.own["public"]
        client.force_login(coordinator_of(network.oslo, language="sv"))
        response = client.get(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), headers={"accept-language": "sv"}
        )

        form = response.context["form"]
        assert {area.locale.language_code for area in form.fields["focus_areas"].queryset} == {"en"}
        # Each city is offered once as an adopter, not once per language tree.
        cities = [city.title for city in form.fields["adopted_by"].queryset]
        assert sorted(cities) == ["Aarhus", "Oslo", "Stockholm"]
        html = response.content.decode()
        swedish = FocusArea.objects.filter(locale__language_code="sv")
        assert len(swedish) == 6
        for area in swedish:
            assert html.count(f"\n {area.name}</label>") == 1


class TestHostileInput:
    def test_script_typed_into_the_editor_is_shown_as_text(
        self, client, network, django_capture_on_commit_callbacks
    ):
        author = coordinator_of(network.oslo)
        page = network.own["public"]
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        client.force_login(author)
        data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
        data.update(
            {
                "title": f"Cafés {HOSTILE}",
                "summary": f"Summary {HOSTILE}",
                "contact_name": f"Contact {HOSTILE}",
                "body-count": "1",
                "body-0-type": "paragraph",
                "body-0-value": rich_text(f"<p>Paragraph {ESCAPED}</p>"),
                "body-0-deleted": "",
                "body-0-order": "0",
                "action-submit": "Submit",
            }
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(edit_url, data).status_code == 302
        page.refresh_from_db()
        page.get_latest_revision().publish()
        client.logout()

        html = _html(client, page.url)

        assert "<script>alert" not in html
        for text in ("Cafés", "Summary", "Contact", "Paragraph"):
            assert f"{text} {ESCAPED}" in html
        assert "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E" in html  # in the JSON-LD


class TestQueryBudget:
    """The page runs the same number of queries however many practices the network has."""

    @pytest.mark.parametrize("more", [0, 12])
    def test_a_case_study_page(self, client, network, django_assert_num_queries, more):
        for number in range(more):
            _practice(
                [network.stockholm, network.aarhus][number % 2],
                f"More {number}",
                areas=["safe-urban-space", "strong-families"],
                groups=["families"],
            )
        url = network.page.url
        client.get(url)
        cache.clear()
        # Cold cache. Wagtail's serve, whatever the depth: the page tree's memo made again
        # (core.page_tree): the site, the locale, the home page as its specific type, whether
        # any page has a view restriction (4); the page by its path and as its specific type
        # (core's HomePage.route) (2). The detail: the city with its country, the page's focus
        # areas, the focus areas in the visitor's language, target groups, partners, the
        # adopting cities (the relation, then their pages in this language), view restrictions,
        # related practices, the city's practices, the hero image's rendition with its image
        # (11), and
        # Wagtail's site root paths for their URLs: the sites, the translations of their root
        # pages (2). Translations for hreflang (1). The menu and footer: locale, site, view
        # restrictions, menu pages, settings with their pages (5).
        with django_assert_num_queries(25):
            assert client.get(url).status_code == 200
        # Warm: the detail, menu, footer and the translations' URLs for hreflang come from the
        # cache, the page at the path from the page tree's memo.
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200

    def test_images_in_the_body_have_their_renditions_fetched_together(
        self, client, network, django_assert_num_queries
    ):
        images = [_image(f"body-{number}", "#4a5563") for number in range(3)]
        page = network.page
        page.body = json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "A photo", "decorative": False},
                        "caption": "",
                    },
                }
                for image in images
            ]
        )
        page.save_revision().publish()
        client.get(page.url)
        cache.clear()
        # As the cold request above (25), and the body's images (1) with their renditions (1).
        with django_assert_num_queries(27):
            html = client.get(page.url).content.decode()
        assert html.count('class="figure"') == 3


def _resource():
    document = Document(title="ALL'IN youth manual (Svenska)")
    document.file.save("allin-sv.pdf", ContentFile(b"%PDF-1.4 manual"), save=False)
    document.file_size = 2048
    document.save()
    page = ResourcePage(
        title="ALL'IN youth manual",
        slug="allin",
        summary="How young people lead dialogue against hate.",
        hero_image=_image("allin-cover", "#c8102e"),
        hero_image_alt="The cover of the manual: hands joined in a circle.",
    )
    page.documents = [page.documents.model(document=document, language="sv")]
    return page_create(parent=knowledge_index(), page=page)


resource, resource_built = once_per_class("resource", _resource)


class TestResourcePage:
    def test_the_summary_cover_and_documents_with_language_and_size(self, client, resource):
        html = _html(client, resource.url)

        assert "How young people lead dialogue against hate." in html
        assert 'alt="The cover of the manual: hands joined in a circle."' in html
        assert "ALL&#x27;IN youth manual (Svenska)</a>" in html
        assert '<span lang="sv">Svenska</span> · PDF · 2.0\xa0KB' in html

    @pytest.mark.parametrize("documents", [1, 4])
    def test_the_resource_page_runs_a_fixed_number_of_queries(
        self, client, resource, django_assert_num_queries, documents
    ):
        for number in range(1, documents):
            document = Document(title=f"Translation {number}", file_size=100)
            document.file.save(f"t{number}.pdf", ContentFile(b"%PDF-1.4"), save=False)
            document.save()
            ResourceDocument.objects.create(page=resource, document=document, language="da")
        client.get(resource.url)
        # Wagtail's serve: the site, the home page, the page at the path and view restrictions
        # from the page tree's memo (core.page_tree). The detail (the documents with their
        # files, the resource's focus areas and their names in the visitor's language, the
        # cover's rendition with its image), the menu, footer and the translations' URLs for
        # hreflang come from the cache.
        with django_assert_num_queries(0):
            html = client.get(resource.url).content.decode()
        assert html.count('class="document-list__meta"') == documents
