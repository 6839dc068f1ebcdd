"""The admin of translatable snippets: listings and choosers that other apps may narrow per user.

Functions registered with the `stempd_narrow_translatable` hook (`fn(queryset, user, field)`)
narrow each listing and chooser in turn, so the translation app keeps partner translators to
their own languages without `home` or any feature app importing it.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn
from wagtail.models import TranslatableMixin
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

NARROW_HOOK = "stempd_narrow_translatable"


def narrowed(queryset: QuerySet, user, field: str = "locale_id") -> QuerySet:
    """`queryset` as `user` may see it: narrowed by every `stempd_narrow_translatable` hook."""
    for narrow in hooks.get_hooks(NARROW_HOOK):
        queryset = narrow(queryset, user, field)
    return queryset


def language_column() -> LocaleColumn:
    """A listing's locale column headed "Language", as the rest of the site says (Wagtail's
    own heading is translated once, at import, so it stayed English in other languages)."""
    return LocaleColumn(label=_("Language"))


def status_column() -> LiveStatusTagColumn:
    """A "live"/"draft" tag instead of the raw True/False of a `live` column."""
    return LiveStatusTagColumn(label=_("Status"))


class NarrowedObjectsMixin:
    """A chooser view listing translatable snippets as the user may see them."""

    def get_object_list(self):
        objects = super().get_object_list()
        if issubclass(objects.model, TranslatableMixin):
            return narrowed(objects, self.request.user)
        return objects


class NarrowedChooseView(NarrowedObjectsMixin, snippet_chooser.ChooseView):
    """Wagtail's snippet chooser, narrowed per user."""


class NarrowedChooseResultsView(NarrowedObjectsMixin, snippet_chooser.ChooseResultsView):
    """The chooser's results panel (search, paging), narrowed per user."""


class NarrowedSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """The chooser of every translatable snippet (see `TranslatableSnippetViewSet`)."""

    choose_view_class = NarrowedChooseView
    choose_results_view_class = NarrowedChooseResultsView


class TranslatableSnippetViewSet(SnippetViewSet):
    """The admin of a translatable snippet: its listing and its chooser, narrowed per user."""

    chooser_viewset_class = NarrowedSnippetChooserViewSet

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return narrowed(self.model._default_manager.all(), request.user)
