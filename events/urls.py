from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/cancel/<str:token>/", views.cancel_by_link, name="cancel"),
    path("events/my-calendar/", views.my_calendar, name="my_calendar"),
    path("events/<slug:slug>/calendar.ics", views.calendar_file, name="calendar"),
]
