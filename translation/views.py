"""Admin views of the translation workflow: submitting a translation for review, and stricter
versions of wagtail-localize's own views (see `wagtail_hooks`). The status report is `report`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    Translation,
)
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translation import glossary, launch, review, sync
from translation.groups import may_work_in_locale
from translation.models import GlossaryTerm

# --- Submitting a synced translation for review ---------------------------------------------------


def submit_with_messages(request, translation: Translation, target):
    """Submit `translation` for review and tell the user how it went (also used by the editor's
    main action). Returns the target as stored afterwards."""
    title = {"title": target.get_admin_display_title() if isinstance(target, Page) else str(target)}
    try:
        target = review.submit_translation_for_review(translation, request.user)
    except (ValidationError, MissingTranslationError, MissingRelatedObjectError):
        messages.error(
            request,
            _("“%(title)s” was not submitted: translate every string and fix the errors first.")
            % title,
        )
    except review.NotReviewable:
        messages.error(request, _("“%(title)s” cannot be reviewed.") % title)
    else:
        messages.success(request, _("“%(title)s” was submitted for review.") % title)
    return target


def submit_for_review(request, translation_id: int):
    """Save the translator's strings as a draft (page or snippet) and start its review:
    wagtail-localize's editor only offers "Publish", which translators may lack."""
    translation = get_object_or_404(Translation, pk=translation_id)
    if request.method != "POST":
        raise PermissionDenied
    if not may_work_in_locale(request.user, translation.target_locale_id):
        raise PermissionDenied
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if not review.may_edit(request.user, target):
        raise PermissionDenied
    target = submit_with_messages(request, translation, target)
    # Not `redirect()`: it would take a `next` such as "0" for a view name and fail with a 500.
    return HttpResponseRedirect(get_valid_next_url_from_request(request) or review.edit_url(target))


# --- Stricter versions of wagtail-localize's views ---------------------------------------------


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


class SafeSubmitMixin:
    """wagtail-localize's "Translate this page/snippet", refusing unpublished sources and
    translating from a fresh snapshot, never from the one an earlier locale was given."""

    def post(self, request, **kwargs):
        if isinstance(self.object, Page) and launch.is_prelaunch(self.object):
            # Never published: translators work on the latest draft (`launch`).
            launch.snapshot_draft(self.object)
        elif _refuse_unpublished(request, self.object):
            return redirect(request.get_full_path())
        else:
            sync.refresh_source(self.object)
        return super().post(request, **kwargs)


class SafeSubmitPageTranslationView(SafeSubmitMixin, SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", made safe (`SafeSubmitMixin`)."""


class SafeSubmitSnippetTranslationView(SafeSubmitMixin, SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" of a snippet, made safe (`SafeSubmitMixin`)."""


class SafeUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages", refusing a source with unpublished changes (the sync itself is
    upstream's)."""

    def post(self, request, **kwargs):
        instance = self.object.get_source_instance()
        if isinstance(instance, Page) and launch.is_prelaunch(instance):
            count = launch.sync_draft(instance, request.user)
            messages.success(
                request,
                _("The latest draft was synced into %(count)s translations.") % {"count": count},
            )
            return redirect("wagtailadmin_pages:edit", instance.pk)
        if _refuse_unpublished(request, instance):
            return redirect(request.get_full_path())
        return super().post(request, **kwargs)

    def form_valid(self, form):
        """ "Publish immediately" never publishes a translator's unreviewed strings: those
        translations are saved as drafts and go to review (`review.publish_reviewed`)."""
        publish = form.cleaned_data.get("publish_translations")
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            enabled = self.object.translations.filter(enabled=True).select_related("target_locale")
            for translation in review.publish_reviewed(enabled, self.request.user):
                messages.warning(
                    self.request,
                    _(
                        "The %(language)s translation has changes not reviewed yet: it was sent "
                        "for review instead of being published."
                    )
                    % {"language": translation.target_locale.get_display_name()},
                )
        return response


# --- The glossary's CSV import ----------------------------------------------------------------


class GlossaryImportForm(forms.Form):
    """One CSV file with the columns term, language, translation, note."""

    csv_file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8 CSV whose first line is: term,language,translation,note. Terms already in "
            "the glossary for that language are updated; nothing is deleted."
        ),
    )


class GlossaryImportView(WagtailAdminTemplateMixin, FormView):
    """Staff add or update many glossary terms at once from a spreadsheet."""

    form_class = GlossaryImportForm
    template_name = "translation_workflow/glossary_import.html"
    page_title = gettext_lazy("Import glossary")
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (
            user.has_perm("translation_workflow.add_glossaryterm")
            and user.has_perm("translation_workflow.change_glossaryterm")
        ):
            return HttpResponseForbidden(_("Only communications staff may import the glossary."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": self.index_url, "label": capfirst(GlossaryTerm._meta.verbose_name_plural)},
            {"url": "", "label": self.page_title},
        ]

    @property
    def index_url(self) -> str:
        return reverse("wagtailsnippets_translation_workflow_glossaryterm:list")

    def form_valid(self, form):
        upload = form.cleaned_data["csv_file"]
        result = glossary.read_csv(upload.read(glossary.MAX_IMPORT_BYTES + 1))
        if result.errors:
            for error in result.errors[:50]:
                form.add_error("csv_file", error)
            if len(result.errors) > 50:
                form.add_error(
                    "csv_file",
                    _("…and %(count)s more errors.") % {"count": len(result.errors) - 50},
                )
            return self.form_invalid(form)
        glossary.store(result)
        messages.success(
            self.request,
            _("Glossary imported: %(created)s terms added, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect(self.index_url)


# --- Publish with translations ------------------------------------------------------------------


class LaunchForm(forms.Form):
    """When to publish: now, or at a time Wagtail's scheduled publishing takes over."""

    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Leave empty to publish now. Times are in the site's time zone."),
    )

    def clean_go_live_at(self):
        when = self.cleaned_data["go_live_at"]
        if when is not None and when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return when


class LaunchView(WagtailAdminTemplateMixin, FormView):
    """ "Publish with translations": the source page and every approved translation go live
    together (now or at a scheduled time); the languages left out are listed first."""

    form_class = LaunchForm
    template_name = "translation_workflow/launch.html"
    page_title = gettext_lazy("Publish with translations")
    header_icon = "upload"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        page = get_object_or_404(Page, pk=page_id, depth__gt=1)
        if launch.source_page_of(page) is not None:
            raise Http404  # launched from the source-language page only
        self.page = page.specific
        if not self.page.permissions_for_user(request.user).can_publish():
            return HttpResponseForbidden(_("You may not publish this page."))
        self.plan = launch.plan(self.page)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": review.edit_url(self.page), "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page, "plan": self.plan}

    def form_valid(self, form):
        when = form.cleaned_data["go_live_at"]
        done = launch.launch(self.page, self.request.user, when)
        languages = ", ".join(str(page.locale.get_display_name()) for page in done.approved)
        if when is None:
            message = _("“%(title)s” was published with its translations: %(languages)s.")
        else:
            message = _(
                "“%(title)s” and its translations (%(languages)s) are scheduled for %(when)s."
            )
        messages.success(
            self.request,
            message
            % {
                "title": self.page.get_admin_display_title(),
                "languages": languages or _("none"),
                "when": date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else "",
            },
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
