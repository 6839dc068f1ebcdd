"""Admin wiring for the network app: people and news categories, and the downloads report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from network.models import NewsCategory, Person
from network.reports import BookletDownloadsReportView
from translation.choosers import TranslatableSnippetViewSet, language_column, status_column


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
