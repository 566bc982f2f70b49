"""Language-prefixed URLs of the outward channels: site-wide search."""

from django.urls import path

from outward import views

app_name = "outward"

urlpatterns = [
    path("search/", views.search, name="search"),
]
