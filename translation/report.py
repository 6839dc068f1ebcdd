"""Reports → Translation status: every source page per language, with progress, a summary row,
filters (language, section, state) and a CSV export of the same figures for partners' reporting.

Translators see and export only their own languages' columns; asking for another language is
refused (403), so the report never shows them what other partners are doing.
"""

import csv
from functools import cached_property

from django.http import HttpResponse, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

import django_filters

from home.patches.wagtail import neutralise
from translation.cells import render_cell
from translation.conf import site_root, source_locale, target_locales
from translation.groups import translator_locale_ids
from translation.matrix import (
    IN_PROGRESS,
    IN_REVIEW,
    MISSING,
    OUTDATED,
    STATES,
    STATUS_LABELS,
    TRANSLATED,
    Cell,
    build_matrix,
    summarise,
)

# The CSV's state column: fixed English words partners' spreadsheets and scripts filter on.
CSV_STATES = {
    MISSING: "missing",
    IN_PROGRESS: "in progress",
    IN_REVIEW: "awaiting review",
    OUTDATED: "outdated",
    TRANSLATED: "published",
}


def section_choices() -> list[tuple[str, str]]:
    """The top-level sections: the pages right below the source-language home page."""
    root = site_root()
    if root is None:
        return []
    return [(str(page.pk), page.title) for page in root.get_children().order_by("path")]


def locale_choices() -> list[tuple[str, str]]:
    """The languages partners translate into."""
    return [(locale.language_code, locale.get_display_name()) for locale in target_locales()]


class TranslationMatrixFilterSet(WagtailFilterSet):
    """Narrow the matrix to one section of the site, one language and/or one state."""

    section = django_filters.ChoiceFilter(
        label=gettext_lazy("Section"), choices=section_choices, method="filter_section"
    )
    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=locale_choices, method="keep_rows"
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[(state, STATUS_LABELS[state]) for state in STATES],
        method="keep_rows",
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if translator_locale_ids(user) is not None:
            live = set(Page.objects.live().public().values_list("pk", flat=True))
            self.filters["section"].extra["choices"] = [
                choice for choice in section_choices() if int(choice[0]) in live
            ]

    def filter_section(self, queryset, name, value):
        section = Page.objects.filter(pk=value).first()
        return queryset.descendant_of(section, inclusive=True) if section else queryset

    def keep_rows(self, queryset, name, value):
        return queryset  # the language chooses columns; the state is filtered once computed


class LocaleColumn(Column):
    """One language's cells: status, progress, date of the last sync, and what to do next."""

    def __init__(self, locale: Locale, **kwargs):
        super().__init__(f"locale-{locale.language_code}", label=locale.get_display_name())
        self.locale = locale

    def get_value(self, instance):
        return instance.translation_cells.get(self.locale.pk)

    def render_cell_html(self, instance, parent_context):
        return render_cell(self.get_value(instance))


class TranslationMatrixMixin:
    """What the HTML report and its CSV export share: rows, columns and the translator guard."""

    def get_queryset(self):
        root = site_root()
        pages = Page.objects.filter(locale=source_locale(), alias_of__isnull=True)
        if root is not None:
            pages = pages.descendant_of(root, inclusive=True)
        if translator_locale_ids(self.request.user) is not None:
            # Translators work from what visitors can read: no drafts, no private pages.
            pages = pages.live().public()
        return pages.order_by("path")

    @cached_property
    def locales(self) -> list[Locale]:
        """Columns: the target languages the user may see (a translator: their own only)."""
        locales = target_locales()
        own = translator_locale_ids(self.request.user)
        if own is not None:
            locales = [locale for locale in locales if locale.pk in own]
        chosen = self.request.GET.get("locale")
        if chosen:
            return [locale for locale in locales if locale.language_code == chosen]
        return locales

    def row_title(self, row: Page) -> str:
        """Translators read the live title; staff the draft's, as elsewhere in the admin."""
        if translator_locale_ids(self.request.user) is None:
            return row.get_admin_display_title()
        return row.title

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns PermissionDenied into a redirect; a forged request gets a 403.
        # `locales` holds the chosen language only if it is one of a translator's own.
        own = translator_locale_ids(request.user)
        if request.GET.get("locale") and own is not None and not self.locales:
            return HttpResponseForbidden(
                _("You can see the translation status of your own language only.")
            )
        return super().dispatch(request, *args, **kwargs)

    def rows_with_cells(self, pages) -> list[Page]:
        """Every row with its cells (one bulk computation), then kept if it has the state asked."""
        rows = list(pages)
        self.matrix = build_matrix(rows, self.locales)
        for row in rows:
            row.translation_cells = self.matrix.get(row.pk, {})
        state = self.request.GET.get("state")
        if state in STATES:
            rows = [
                row
                for row in rows
                if any(cell.status == state for cell in row.translation_cells.values())
            ]
        return rows


class TranslationMatrixView(TranslationMatrixMixin, ReportView):
    """Which pages exist in which language, how far each translation is, and what is behind.

    Communications staff plan work with it; partner translators see their own language.
    """

    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "translation_matrix"
    index_results_url_name = "translation_matrix_results"
    template_name = "translation_workflow/matrix.html"
    results_template_name = "translation_workflow/matrix_results.html"
    filterset_class = TranslationMatrixFilterSet
    paginate_by = 100

    def get_filtered_queryset(self):
        return self.rows_with_cells(super().get_filtered_queryset())

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Page"),
                url_name="wagtailadmin_pages:edit",
                accessor=self.row_title,
            ),
            *(LocaleColumn(locale) for locale in self.locales),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = summarise(self.matrix, self.locales)
        context["summary"] = [summary[locale.pk] for locale in self.locales]
        context["states"] = [(state, STATUS_LABELS[state]) for state in STATES]
        query = self.request.GET.copy()
        for key in ("p", "_w_filter_fragment"):
            query.pop(key, None)
        context["csv_query"] = query.urlencode()
        return context


class TranslationMatrixCsvView(TranslationMatrixMixin, ReportView):
    """The report's figures as CSV, one line per page and language, with the same filters."""

    filterset_class = TranslationMatrixFilterSet
    paginate_by = None

    def get(self, request, *args, **kwargs):
        rows = self.rows_with_cells(self.get_filtered_queryset())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Page ID"),
                _("Page"),
                _("Language"),
                _("State"),
                _("Translated strings"),
                _("Total strings"),
                _("Percent"),
                _("Last sync"),
                _("Source changed"),
                _("Changed segments"),
            ]
        )
        for row in rows:
            for locale in self.locales:
                cell = row.translation_cells.get(locale.pk)
                if cell is None:
                    continue
                progress = cell.progress
                writer.writerow(
                    [
                        row.pk,
                        neutralise(self.row_title(row)),
                        locale.language_code,
                        CSV_STATES[cell.status],
                        progress.translated if progress else "",
                        progress.total if progress else "",
                        _percent_done(cell),
                        cell.last_sync.isoformat() if cell.last_sync else "",
                        cell.source_changed_at.isoformat() if cell.source_changed_at else "",
                        cell.changed,
                    ]
                )
        return response


def _percent_done(cell: Cell) -> int | str:
    """Strings translated, in percent; pages translated by hand count as 0 or 100 (no strings)."""
    if cell.progress is not None:
        return cell.percent
    if cell.status == MISSING:
        return 0
    if cell.status == TRANSLATED:
        return 100
    return ""
