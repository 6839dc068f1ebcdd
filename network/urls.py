"""Public, language-prefixed routes of the network app (mounted in `stempd.urls`)."""

from django.urls import path

from network import views
from network.feeds import NewsFeed

app_name = "network"
urlpatterns = [
    path("news/feed/", NewsFeed(), name="news_feed"),
    path(
        "publications/download/<object_id:page_id>/",
        views.booklet_download,
        name="booklet_download",
    ),
]
