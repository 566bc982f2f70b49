from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join_thanks"),
    path("accounts/invitation/<str:token>/", views.invitation, name="invitation"),
]
