from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from outward.selectors.search import site_search


@require_GET
def search(request):
    """``/search/?q=``: every public page of the visitor's language."""
    results = site_search(
        query=request.GET.get("q", ""),
        language=get_language(),
        user=request.user,
        page=request.GET.get("page", ""),
    )
    return render(request, "outward/search.html", {"search": results})
