from django.urls import path

from progress import views

app_name = "progress"

urlpatterns = [
    path("charter/our-city/", views.our_city, name="our_city"),
]
