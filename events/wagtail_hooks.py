"""Admin wiring of the events app: the category snippet and the .ics import screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events.admin_views import addable_indexes, import_events
from events.models import EventCategory
from translation.choosers import TranslatableSnippetViewSet, language_column


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
