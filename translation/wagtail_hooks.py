"""Admin wiring of the translation workflow: locale boundaries for partner translators, stricter
versions of some wagtail-localize actions, the status matrix and the "submit for review" action."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from translation import (  # noqa: F401 (their hooks register on import)
    allowlist,
    choosers,
    editor,
    hardening,
    launch,
    report,
    sync,
    views,
    workflow_names,
)
from translation.conf import is_source
from translation.groups import may_work_in_locale, translator_locale_ids
from translation.models import GlossaryTerm
from translation.panels import ReviewQueuePanel, SubmittedPanel, TranslatorQueuePanel

FIRST = -100  # run before wagtail-localize's own hooks, which answer with their editor

# Wagtail's dashboard panel of the pages a user submitted to a workflow.
WAGTAIL_SUBMITTED_PANEL = "user_objects_in_workflow_moderation"


def _check_snippet_locale(request, instance) -> None:
    if isinstance(instance, TranslatableMixin) and not may_work_in_locale(
        request.user, instance.locale_id
    ):
        raise PermissionDenied


@hooks.register("before_edit_snippet", order=FIRST)
def keep_translators_to_their_snippets(request, instance):
    """Translators edit snippets of their own locale only (snippet permissions are per model)."""
    _check_snippet_locale(request, instance)
    return _guard_restart(request, instance)


@hooks.register("before_create_snippet", order=FIRST)
def keep_translators_from_creating_other_locales(request, model):
    """Translators create snippets only in their own locale."""
    if not issubclass(model, TranslatableMixin) or translator_locale_ids(request.user) is None:
        return None
    code = request.GET.get("locale") or request.POST.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_default()
    if locale is None or not may_work_in_locale(request.user, locale.pk):
        raise PermissionDenied
    return None


@hooks.register("before_delete_snippet", order=FIRST)
def keep_translators_from_deleting_other_locales(request, instances):
    """Translators never delete snippets of another locale."""
    for instance in instances:
        _check_snippet_locale(request, instance)


@hooks.register("before_edit_page", order=FIRST)
def guard_restarting_page_translation(request, page):
    """Refuse "Start synced translation" when hand edits could not be kept."""
    return _guard_restart(request, page)


def _guard_restart(request, instance):
    if request.method != "POST" or "localize-restart-translation" not in request.POST:
        return None
    translation = editor.translation_into(instance, enabled=False)
    if translation is None:
        return None
    unmapped = sync.unmappable_edits(translation)
    if not unmapped:
        return None  # wagtail-localize restarts it; `signals` adopts the hand edits first
    messages.error(
        request,
        _(
            "The synced translation was not restarted: your changes to %(fields)s no longer "
            "match the original's structure, and restarting would replace them with the "
            "original. Keep editing this translation by hand, or undo those changes first."
        )
        % {"fields": ", ".join(sorted({path.split(".")[0] for path in unmapped}))},
    )
    if isinstance(instance, Page):
        return redirect("wagtailadmin_pages:edit", instance.pk)
    return redirect(request.get_full_path())


@hooks.register("register_admin_urls", order=FIRST)
def register_stricter_localize_views():
    """wagtail-localize's views that we extend, at their own addresses.

    Registered first, so Django resolves these paths here; `reverse()` of wagtail-localize's
    names still produces the same addresses. Translators' access to them, as to every other
    admin view, is decided by the allow-list (`allowlist`).
    """
    translate = "translate/<int:translation_id>/"
    patterns = [
        path("submit/page/<int:page_id>/", views.SafeSubmitPageTranslationView.as_view()),
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SafeSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "update/<int:translation_source_id>/",
            views.SafeUpdateTranslationsView.as_view(),
        ),
        path(
            f"{translate}strings/<int:string_segment_id>/edit/",
            hardening.edit_string_translation,
            name="edit_string",
        ),
        path(f"{translate}pofile/upload/", hardening.upload_pofile, name="upload_pofile"),
    ]
    return [path("localize/", include((patterns, "stempd_localize")))]


@hooks.register("register_admin_urls")
def register_translation_workflow_urls():
    """The status matrix, "submit for review", the glossary's CSV import (staff only) and
    "Publish with translations" for a source page (staff who may publish it)."""
    matrix = report.TranslationMatrixView
    return [
        path("translation-status/", matrix.as_view(), name="translation_matrix"),
        path(
            "translation-status/results/",
            matrix.as_view(results_only=True),
            name="translation_matrix_results",
        ),
        path(
            "translation-status/export.csv",
            report.TranslationMatrixCsvView.as_view(),
            name="translation_matrix_csv",
        ),
        path(
            "translation-status/submit/<int:translation_id>/",
            views.submit_for_review,
            name="translation_submit_for_review",
        ),
        path(
            "translation-glossary/import/",
            views.GlossaryImportView.as_view(),
            name="translation_glossary_import",
        ),
        path(
            "translation-launch/<int:page_id>/",
            views.LaunchView.as_view(),
            name="translation_launch",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_matrix_menu_item():
    """Show the status matrix under Reports."""
    return MenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_matrix"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=8990,
    )


@hooks.register("register_page_listing_more_buttons")
def submit_for_review_button(page, user, next_url=None, **kwargs):
    """Offer "Submit translation for review" to translators who may not publish."""
    if not editor.submits_for_review(user, page):
        return
    translation = editor.translation_into(page)
    if translation is None or page.workflow_in_progress:
        return
    url = reverse("translation_submit_for_review", args=[translation.pk])
    yield Button(
        _("Submit translation for review"),
        url,
        icon_name="resubmit",
        priority=61,
        # Wagtail's action controller posts to its url value (else to the current page).
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


@hooks.register("before_edit_page", order=FIRST + 1)
def submit_translation_from_editor(request, page):
    """The translation editor's main action submits for review when the user cannot publish."""
    return editor.submit_from_editor(request, page)


def _refuse_translator(request, action: str):
    if translator_locale_ids(request.user) is None:
        return None
    return HttpResponseForbidden(
        _("Partner translators cannot %(action)s pages; ask communications staff.")
        % {"action": action}
    )


@hooks.register("before_delete_page", order=FIRST)
def keep_translators_from_deleting_pages(request, page):
    """Partner translators translate; deleting pages is for communications staff."""
    return _refuse_translator(request, _("delete"))


@hooks.register("before_move_page", order=FIRST)
def keep_translators_from_moving_pages(request, page, destination):
    """Partner translators translate; moving pages is for communications staff."""
    return _refuse_translator(request, _("move"))


@hooks.register("construct_page_listing_buttons")
def hide_delete_and_move_from_translators(buttons, page, user, context=None):
    """Do not offer partner translators the delete and move actions they are refused."""
    if translator_locale_ids(user) is None:
        return
    hidden = {
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
    }
    for button in buttons:
        nested = getattr(button, "dropdown_buttons", None)
        if nested is not None:
            button.dropdown_buttons = [
                item for item in nested if (item.url or "").split("?")[0] not in hidden
            ]


@hooks.register("construct_homepage_panels")
def add_translation_queues(request, panels):
    """Translators see what waits for their translation and what they submitted; reviewers
    what waits for approval. Wagtail's "Your pages in a workflow" names the workflow task in
    the staff's language: translators get their own list instead."""
    if translator_locale_ids(request.user):
        panels[:] = [panel for panel in panels if panel.name != WAGTAIL_SUBMITTED_PANEL]
        panels.append(TranslatorQueuePanel(request))
        submitted = SubmittedPanel(request)
        if submitted.items:
            panels.append(submitted)
        return
    review = ReviewQueuePanel(request)
    if review.items:
        panels.append(review)


class GlossaryIndexView(SnippetIndexView):
    """The glossary's listing, with "Import CSV" next to Wagtail's own export."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.request.user.has_perm("translation_workflow.add_glossaryterm"):
            buttons.append(
                Button(
                    _("Import CSV"),
                    url=reverse("translation_glossary_import"),
                    icon_name="upload",
                    priority=50,
                )
            )
        return buttons


class GlossaryTermViewSet(SnippetViewSet):
    """Staff keep the approved translation of shared terms per language (Snippets → Glossary);
    it exports as CSV in the same columns the import reads."""

    model = GlossaryTerm
    icon = "openquote"
    index_view_class = GlossaryIndexView
    list_display = ["term", "locale", "translation", "note"]
    list_filter = ["locale"]
    search_fields = ["term", "translation", "note"]
    list_export = ["term", "language_code", "translation", "note"]
    export_headings = {
        "term": "term",
        "language_code": "language",
        "translation": "translation",
        "note": "note",
    }
    export_filename = "glossary"


register_snippet(GlossaryTermViewSet)


def _launch_buttons(page, user, priority: int):
    if not is_source(page) or page.depth <= 1:
        return
    if not page.permissions_for_user(user).can_publish():
        return
    if not Page.objects.translation_of(page).exists():
        return
    yield Button(
        _("Publish with translations"),
        reverse("translation_launch", args=[page.pk]),
        icon_name="upload",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def publish_with_translations_header_button(page, user, view_name, next_url=None):
    """The page header's "more" menu offers "Publish with translations" on source pages."""
    yield from _launch_buttons(page, user, priority=55)


@hooks.register("register_page_listing_more_buttons")
def publish_with_translations_listing_button(page, user, next_url=None, **kwargs):
    """The page listing's "more" menu offers it too."""
    yield from _launch_buttons(page, user, priority=62)


@hooks.register("after_edit_page")
def sync_prelaunch_draft_into_translations(request, page):
    """A never-published source saved a new draft: its translations follow it."""
    if launch.is_prelaunch(page):
        launch.sync_draft(page, request.user)


@hooks.register("before_publish_page")
def hold_translations_until_their_original_launches(request, page):
    """Wagtail's own editor saves a translation of a page not launched yet as a draft: it goes
    live with its original ("Publish with translations"), never before it."""
    if not launch.awaits_launch(page):
        return None
    messages.warning(
        request,
        _(
            "“%(title)s” was saved as a draft: it goes live with its original, which is not "
            "launched yet."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def hold_bulk_published_translations_until_their_original_launches(
    request, action_type, objects, action
):
    """The page listing's bulk "Publish" (with or without the pages below) refuses translations
    of a page not launched yet: they go live with their original, never before it."""
    if action_type != "publish" or not all(isinstance(page, Page) for page in objects):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += page.get_descendants().not_live()
    waiting = [page for page in pages if launch.awaits_launch(page)]
    if not waiting:
        return None
    messages.error(
        request,
        _(
            "Nothing was published: %(titles)s go live with their original, which is not "
            "launched yet."
        )
        % {"titles": ", ".join(f"“{page.get_admin_display_title()}”" for page in waiting)},
    )
    return redirect(action.next_url)
