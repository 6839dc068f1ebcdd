"""Public, language-prefixed routes of the home app (mounted in `stempd.urls`)."""

from django.urls import path

from home import views

app_name = "home"
urlpatterns = [
    path("search/", views.search, name="search"),
]
