from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/cancel/<str:token>/", views.cancel_by_link, name="cancel"),
    path("events/<slug:slug>/calendar.ics", views.calendar_file, name="calendar"),
]
