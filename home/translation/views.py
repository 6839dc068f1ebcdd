"""Admin views of the translation workflow: the status matrix, submitting a translation for
review, and guarded versions of wagtail-localize's own views (see `wagtail_hooks`)."""

from functools import cached_property, wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

import django_filters

from home.translation import review, sync
from home.translation.conf import site_root, source_locale, target_locales
from home.translation.groups import may_work_in_locale, translator_locale_ids
from home.translation.matrix import build_matrix

# --- Status matrix -------------------------------------------------------------------------------


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
    """Narrow the matrix to one section of the site and/or one language."""

    section = django_filters.ChoiceFilter(
        label=gettext_lazy("Section"), choices=section_choices, method="filter_section"
    )
    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=locale_choices, method="filter_locale"
    )

    class Meta:
        model = Page
        fields = []

    def filter_section(self, queryset, name, value):
        section = Page.objects.filter(pk=value).first()
        return queryset.descendant_of(section, inclusive=True) if section else queryset

    def filter_locale(self, queryset, name, value):
        return queryset  # chooses the columns, not the rows


class LocaleColumn(Column):
    """One language's cells: status, date of the last sync, and what to do next."""

    cell_template_name = "translation_workflow/matrix_cell.html"

    def __init__(self, locale: Locale, **kwargs):
        super().__init__(f"locale-{locale.language_code}", label=locale.get_display_name())
        self.locale = locale

    def get_value(self, instance):
        return instance.translation_cells.get(self.locale.pk)


class TranslationMatrixView(ReportView):
    """Which pages exist in which language, and which translations are behind their source.

    Communications staff plan work with it; partner translators see their own language first.
    """

    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "translation_matrix"
    index_results_url_name = "translation_matrix_results"
    filterset_class = TranslationMatrixFilterSet
    paginate_by = 100

    def get_queryset(self):
        root = site_root()
        pages = Page.objects.filter(locale=source_locale(), alias_of__isnull=True)
        if root is not None:
            pages = pages.descendant_of(root, inclusive=True)
        return pages.order_by("path")

    @cached_property
    def locales(self) -> list[Locale]:
        """Columns: every target language, the translator's own first; or the filtered one."""
        locales = target_locales()
        chosen = self.request.GET.get("locale")
        if chosen:
            return [locale for locale in locales if locale.language_code == chosen]
        own = translator_locale_ids(self.request.user) or frozenset()
        return sorted(locales, key=lambda locale: locale.pk not in own)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Page"),
                url_name="wagtailadmin_pages:edit",
                accessor="get_admin_display_title",
            ),
            *(LocaleColumn(locale) for locale in self.locales),
        ]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(object_list)
        cells = build_matrix(rows, self.locales)
        for row in rows:
            row.translation_cells = cells.get(row.pk, {})
        page.object_list = rows
        return paginator, page, rows, is_paginated


# --- Submitting a synced translation for review ---------------------------------------------------


def submit_for_review(request, translation_id: int):
    """Save the translator's strings as a draft of the page and start its review workflow.

    wagtail-localize's translation editor only offers "Publish"; translators without that right
    use this action instead, and staff approve through the "Translation review" workflow.
    """
    translation = get_object_or_404(Translation, pk=translation_id)
    if request.method != "POST":
        raise PermissionDenied
    target = translation.get_target_instance()
    if not isinstance(target, Page) or not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not may_work_in_locale(request.user, translation.target_locale_id):
        raise PermissionDenied
    page = review.submit_translation_for_review(translation, request.user)
    messages.success(
        request,
        _("“%(title)s” was submitted for review.") % {"title": page.get_admin_display_title()},
    )
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


# --- Guards around wagtail-localize's views -------------------------------------------------------


def guard_translation_view(view):
    """Wrap a wagtail-localize view taking `translation_id`: translators keep to their locale.

    Its own check is the model-level snippet permission, which would let a German translator
    edit the French menu's strings.
    """

    @wraps(view)
    def wrapper(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        if not may_work_in_locale(request.user, translation.target_locale_id):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return wrapper


def guard_convert_to_alias(view):
    """Partner translators may not turn a translation back into a copy of the English page."""

    @wraps(view)
    def wrapper(request, page_id, *args, **kwargs):
        if translator_locale_ids(request.user) is not None:
            raise PermissionDenied
        return view(request, page_id, *args, **kwargs)

    return wrapper


def _refuse_unpublished(request, instance) -> bool:
    if not sync.has_unpublished_source_changes(instance):
        return False
    messages.error(
        request,
        _(
            "“%(title)s” has changes that are not published. Translations are made from the "
            "published version, so publish the changes (or discard the draft) first; otherwise "
            "translators would work on an old text."
        )
        % {"title": str(instance)},
    )
    return True


class SafeSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", refusing unpublished sources (upstream 861)
    and translating from a fresh snapshot, never from the one an earlier locale was given."""

    def post(self, request, **kwargs):
        if _refuse_unpublished(request, self.object):
            return redirect(request.get_full_path())
        sync.refresh_source(self.object)
        return super().post(request, **kwargs)


class SafeSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    """The snippet counterpart of `SafeSubmitPageTranslationView`."""

    def post(self, request, **kwargs):
        if _refuse_unpublished(request, self.object):
            return redirect(request.get_full_path())
        sync.refresh_source(self.object)
        return super().post(request, **kwargs)


class SafeUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages", refusing a source with unpublished changes (upstream 861).

    The sync itself is upstream's: it replaces only segments whose source text changed, and
    translations stopped by hand (manual edits) are left alone.
    """

    def post(self, request, **kwargs):
        if _refuse_unpublished(request, self.object.get_source_instance()):
            return redirect(request.get_full_path())
        return super().post(request, **kwargs)
