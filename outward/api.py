"""``/api/``: the read-only public JSON API. Views parse the query string, call one selector and
serialise its records; errors are JSON too (400 for a bad parameter, 404 for what is not there
or not public)."""

from dataclasses import asdict

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from outward.selectors.channels import (
    InvalidPage,
    api_case_study_get,
    api_case_study_list,
    api_city_get,
    api_city_list,
    content_language,
)


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


UNKNOWN_LANGUAGE = "Unknown language: use one of " + ", ".join(
    code for code, _name in settings.LANGUAGES
)


def _page_url(request, number: int | None) -> str | None:
    if number is None:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@require_GET
def city_list(request):
    language = content_language(request.GET.get("lang"))
    if language is None:
        return _error(UNKNOWN_LANGUAGE, 400)
    cities = api_city_list(language=language, request=request)
    return _json({"count": len(cities), "results": [asdict(city) for city in cities]})


@require_GET
def city_detail(request, slug: str):
    language = content_language(request.GET.get("lang"))
    if language is None:
        return _error(UNKNOWN_LANGUAGE, 400)
    city = api_city_get(slug=slug, language=language, request=request)
    if city is None:
        return _error("No active member city with that slug.", 404)
    return _json(asdict(city))


@require_GET
def case_study_list(request):
    language = content_language(request.GET.get("lang"))
    if language is None:
        return _error(UNKNOWN_LANGUAGE, 400)
    try:
        results = api_case_study_list(
            language=language,
            focus_area=request.GET.get("focus_area", ""),
            country=request.GET.get("country", ""),
            city=request.GET.get("city", ""),
            page=request.GET.get("page", 1),
            request=request,
        )
    except InvalidPage:
        return _error("The page must be a whole number from 1.", 400)
    if results is None:
        return _error("There is no such page.", 404)
    return _json(
        {
            "count": results.count,
            "next": _page_url(request, results.next_page),
            "previous": _page_url(request, results.previous_page),
            "results": [asdict(record) for record in results.results],
        }
    )


@require_GET
def case_study_detail(request, pk: int):
    case_study = api_case_study_get(pk=pk, request=request)
    if case_study is None:
        return _error("No public case study with that id.", 404)
    return _json(asdict(case_study))
