"""Translators see only their own languages in Wagtail's page and snippet choosers and in
wagtail-localize's snippet API and "Translations" report; staff keep the full lists. The hooks
register when `translation.wagtail_hooks` imports this module."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path

from wagtail import hooks
from wagtail.models import TranslatableMixin
from wagtail_localize.views import report, snippets_api

from translation.groups import translator_locale_ids

FIRST = -100  # before wagtail-localize's own URLs, so these views answer the same addresses


@hooks.register("stempd_narrow_translatable")
def own_locales_only(queryset: QuerySet, user, field: str = "locale_id") -> QuerySet:
    """`queryset` restricted to the user's locales when they are a partner translator (the
    snippet listings and choosers of every app ask through this hook, `home.snippet_admin`)."""
    allowed = translator_locale_ids(user)
    if allowed is None:
        return queryset
    return queryset.filter(**{f"{field}__in": allowed})


@hooks.register("construct_page_chooser_queryset")
def page_chooser_in_own_locale(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """The page chooser (browsing and searching) lists the translator's own pages only."""
    return own_locales_only(pages, request.user)


class OwnLocaleSnippetViewSet(snippets_api.SnippetViewSet):
    """wagtail-localize's snippet API (listing and detail), translatable snippets of the
    translator's locales only."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, TranslatableMixin):
            return own_locales_only(queryset, self.request.user)
        return queryset


class OwnLocaleTranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's "Translations" report, translations into the translator's locales."""

    def get_queryset(self):
        return own_locales_only(super().get_queryset(), self.request.user, "target_locale_id")


@hooks.register("register_admin_urls", order=FIRST)
def register_own_locale_lists():
    """Answer wagtail-localize's list addresses with the narrowed views."""
    return [
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            OwnLocaleSnippetViewSet.as_view({"get": "list"}),
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            OwnLocaleSnippetViewSet.as_view({"get": "retrieve"}),
        ),
        path("localize/reports/translations/", OwnLocaleTranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            OwnLocaleTranslationsReportView.as_view(results_only=True),
        ),
    ]
