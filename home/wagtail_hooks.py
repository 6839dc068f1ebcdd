"""Admin wiring for the shared snippets: main menu and footer text, one per language."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.malformed import refuse_copy_without_destination
from home.models import FooterText, MainMenu
from home.snippet_admin import TranslatableSnippetViewSet, language_column, status_column


class MainMenuViewSet(TranslatableSnippetViewSet):
    """Editors arrange the header navigation; partners translate its labels."""

    model = MainMenu
    icon = "list-ul"
    list_display = ["name", language_column(), status_column()]
    list_filter = ["locale"]


class FooterTextViewSet(TranslatableSnippetViewSet):
    """Editors write the footer text shown on every page."""

    model = FooterText
    icon = "doc-full"
    list_display = ["__str__", language_column(), status_column()]
    list_filter = ["locale"]


class SiteSnippetsGroup(SnippetViewSetGroup):
    """The site-wide snippets, grouped in one admin menu."""

    menu_label = _("Site")
    menu_icon = "site"
    items = (MainMenuViewSet, FooterTextViewSet)


register_snippet(SiteSnippetsGroup)


@hooks.register("before_copy_page")
def refuse_forged_page_copies(request, page):
    """A copy posted without an existing destination answers 400, not a server error."""
    return refuse_copy_without_destination(request)
