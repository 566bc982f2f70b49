"""The public API's OpenAPI schema (``/api/openapi.json``) and browsable docs (``/api/docs``),
which ninja builds from the operations and their typed schemas (``outward/api.py``)."""

import json
import re

import pytest

from tests.outward.test_api import CASE_STUDY_FIELDS, CITY_FIELDS, LANGUAGES, json_body

pytestmark = pytest.mark.django_db

# Names of what must never leave: contact details, coordinators, publication and privacy state.
PRIVATE_FIELDS = [
    "email", "phone", "contact", "coordinator", "visibility", "members_only", "live", "draft",
    "has_unpublished_changes", "owner",
]  # fmt: skip


class TestApiSchema:
    @pytest.fixture
    def schema(self, client, site_tree):
        return json_body(client.get("/api/openapi.json"))

    def test_it_lists_the_five_operations_with_their_parameters(self, schema):
        parameters = {
            path: [parameter["name"] for parameter in item["get"].get("parameters", [])]
            for path, item in schema["paths"].items()
        }

        assert parameters == {
            "/api/cities/": ["lang"],
            "/api/cities/{slug}/": ["slug", "lang"],
            "/api/case-studies/": ["lang", "focus_area", "country", "city", "page"],
            "/api/case-studies/{pk}/": ["pk"],
            "/api/events/": ["lang", "when"],
        }
        assert {method for item in schema["paths"].values() for method in item} == {"get"}

    def test_the_parameters_say_what_they_take(self, schema):
        listing = {
            parameter["name"]: parameter["schema"]
            for parameter in schema["paths"]["/api/case-studies/"]["get"]["parameters"]
        }
        (pk,) = schema["paths"]["/api/case-studies/{pk}/"]["get"]["parameters"]

        assert listing["lang"]["enum"] == LANGUAGES
        assert listing["lang"]["default"] == "en"
        assert listing["page"] == {**listing["page"], "type": "integer", "minimum": 1}
        assert listing["city"]["maxLength"] == 255
        assert pk["schema"]["maximum"] == 10**18 - 1

    def test_the_records_hold_exactly_the_public_fields_each_described(self, schema):
        models = schema["components"]["schemas"]

        assert set(models["City"]["properties"]) == CITY_FIELDS
        assert set(models["CaseStudy"]["properties"]) == CASE_STUDY_FIELDS
        assert set(models["CityList"]["properties"]) == {"count", "results"}
        listing = {"count", "next", "previous", "results"}
        assert set(models["CaseStudyList"]["properties"]) == listing
        assert "online_url" not in models["Event"]["properties"]
        for name in (
            "City",
            "CaseStudy",
            "CityList",
            "CaseStudyList",
            "Event",
            "EventList",
            "Error",
        ):
            for field, details in models[name]["properties"].items():
                assert details.get("description"), f"{name}.{field} has no description"

    def test_no_private_field_is_in_it(self, schema):
        text = json.dumps(schema).lower()

        for private in PRIVATE_FIELDS:
            assert f'"{private}"' not in text, private

    def test_each_operation_documents_its_error_answers(self, schema):
        answers = {path: sorted(item["get"]["responses"]) for path, item in schema["paths"].items()}

        assert answers == {
            "/api/cities/": ["200", "400"],
            "/api/cities/{slug}/": ["200", "400", "404"],
            "/api/events/": ["200", "400"],
            "/api/case-studies/": ["200", "400", "404"],
            "/api/case-studies/{pk}/": ["200", "404"],
        }


class TestApiDocs:
    def test_the_docs_page_serves_swagger_ui_from_the_portals_own_static_files(
        self, client, site_tree
    ):
        response = client.get("/api/docs")

        assert response.status_code == 200
        html = response.content.decode()
        assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
        assert '<link rel="stylesheet" href="/static/ninja/swagger-ui.css">' in html
        assert '<link rel="stylesheet" href="/static/css/api-docs.css">' in html
        assert '<html lang="en">' in html
        assert '<main id="swagger-ui"></main>' in html
        assert '"url": "/api/openapi.json"' in html
        assert "cdn" not in html.lower()
        assert "https://" not in html
        for address in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            static_file = client.get(address)
            static_file.close()
            assert static_file.status_code == 200, address
