"""Wagtail hooks of the events app: the category snippet, the .ics import screen, and the
upcoming events, hub section and feed cache it offers to shared pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events.admin_views import addable_indexes, import_events
from events.feeds import FEEDS_TAG
from events.models import EventCategory, EventIndexPage, EventPage
from events.providers import issue_hub_events, upcoming_events_provider
from home.caching.invalidation import DependentCache
from home.listings import HubSection, Listing
from home.snippet_admin import TranslatableSnippetViewSet, language_column


class EventCategoryViewSet(TranslatableSnippetViewSet):
    """Editors keep the list of event categories; partners translate their names."""

    model = EventCategory
    icon = "tag"
    list_display = ["name", "slug", language_column()]
    list_filter = ["locale"]
    search_fields = ["name"]


class EventsSnippetsGroup(SnippetViewSetGroup):
    """The events app's snippets, grouped in one admin menu."""

    menu_label = _("Events")
    menu_icon = "calendar"
    menu_order = 250
    items = (EventCategoryViewSet,)


register_snippet(EventsSnippetsGroup)


class ImportMenuItem(MenuItem):
    """Shown only to people who may add events somewhere."""

    def is_shown(self, request) -> bool:
        return bool(addable_indexes(request.user))


@hooks.register("register_admin_urls")
def register_import_url():
    """The .ics import screen."""
    return [path("events/import/", import_events, name="events_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    """A menu entry for the .ics import."""
    return ImportMenuItem(
        _("Import events"), reverse("events_import"), icon_name="calendar", order=260
    )


@hooks.register("stempd_listing")
def upcoming_events_listing() -> Listing:
    """The home page's "upcoming events" section, also read by the newsletter's events block."""
    return Listing(
        name="upcoming_events",
        provider=upcoming_events_provider,
        template="events/includes/upcoming_events.html",
        order=30,
        limit=3,
    )


@hooks.register("stempd_hub_section")
def issue_events_section() -> HubSection:
    """The events about a cross-cutting issue, on its hub."""
    return HubSection(
        name="events",
        heading=_("Events"),
        provider=issue_hub_events,
        order=20,
        more_label=_("All events about this issue"),
    )


@hooks.register("stempd_dependent_cache")
def feeds_cache() -> DependentCache:
    """The calendar feeds show events, index URLs, category names and only public pages."""
    return DependentCache(
        tag=FEEDS_TAG,
        page_types=(EventPage, EventIndexPage),
        models=(EventCategory,),
        tree=True,  # moves, slugs and view restrictions change what they show
    )
