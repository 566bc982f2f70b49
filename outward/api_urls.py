"""``/api/``: the read-only public JSON API (no language prefix)."""

from django.urls import path

from outward import api

app_name = "api"

urlpatterns = [
    path("cities/", api.city_list, name="city_list"),
    path("cities/<slug:slug>/", api.city_detail, name="city_detail"),
    path("case-studies/", api.case_study_list, name="case_study_list"),
    path("case-studies/<id:pk>/", api.case_study_detail, name="case_study_detail"),
]
