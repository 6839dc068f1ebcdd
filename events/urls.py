"""Public, language-prefixed routes of the events app (mounted in `stempd.urls`).

The feeds live under `calendar/` rather than under the events index page, so their addresses do
not depend on where editors put that page or how they name it: subscriptions never break.
"""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("calendar.ics", views.subscription_feed, name="feed"),
    path("calendar/category/<slug:slug>.ics", views.subscription_feed, name="category_feed"),
    path("calendar/event/<object_id:pk>.ics", views.event_ics, name="event_ics"),
]
