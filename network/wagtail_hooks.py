"""Wagtail hooks of the network app: people and news categories, the downloads report, and the
home-page sections it offers to shared pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.listings import Listing
from home.snippet_admin import TranslatableSnippetViewSet, language_column, status_column
from network.models import NewsCategory, Person
from network.providers import latest_booklets, latest_news
from network.reports import BookletDownloadsReportView


class PersonViewSet(TranslatableSnippetViewSet):
    """Authors and coordinators, shared by news and publications."""

    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation", language_column(), status_column()]
    list_filter = ["locale"]
    search_fields = ["name"]


class NewsCategoryViewSet(TranslatableSnippetViewSet):
    """Categories visitors filter news by."""

    model = NewsCategory
    icon = "tag"
    list_display = ["name", "slug", language_column()]
    list_filter = ["locale"]


class NetworkSnippetsGroup(SnippetViewSetGroup):
    """The network's snippets in one admin menu."""

    menu_label = _("Network")
    menu_icon = "group"
    items = (PersonViewSet, NewsCategoryViewSet)


register_snippet(NetworkSnippetsGroup)


@hooks.register("register_admin_urls")
def register_booklet_downloads_report_urls():
    """Routes of the booklet downloads report."""
    view = BookletDownloadsReportView
    return [
        path("reports/booklet-downloads/", view.as_view(), name="booklet_downloads_report"),
        path(
            "reports/booklet-downloads/results/",
            view.as_view(results_only=True),
            name="booklet_downloads_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_booklet_downloads_report_menu_item():
    """Show the downloads report under Reports."""
    return MenuItem(
        _("Booklet downloads"),
        reverse("booklet_downloads_report"),
        name="booklet-downloads",
        icon_name="download",
        order=1300,
    )


@hooks.register("stempd_listing")
def latest_news_listing() -> Listing:
    """The home page's "latest news" section."""
    return Listing("latest_news", latest_news, "network/includes/latest_news.html", order=10)


@hooks.register("stempd_listing")
def latest_booklets_listing() -> Listing:
    """The home page's "latest publications" section."""
    return Listing(
        "latest_booklets", latest_booklets, "network/includes/latest_booklets.html", order=20
    )
