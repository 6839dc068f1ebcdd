"""Admin views of the translation workflow: submitting a translation for review, and stricter
versions of wagtail-localize's own views (see `wagtail_hooks`). The status report is `report`."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

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

from translation import review, sync
from translation.groups import may_work_in_locale

# --- Submitting a synced translation for review ---------------------------------------------------


def _display_title(target) -> str:
    return target.get_admin_display_title() if isinstance(target, Page) else str(target)


def submit_with_messages(request, translation: Translation, target):
    """Submit `translation` for review and tell the user how it went (also used by the editor's
    main action). Returns the target as stored afterwards."""
    try:
        target = review.submit_translation_for_review(translation, request.user)
    except (ValidationError, MissingTranslationError, MissingRelatedObjectError):
        messages.error(
            request,
            _("“%(title)s” was not submitted: translate every string and fix the errors first.")
            % {"title": _display_title(target)},
        )
    except review.NotReviewable:
        messages.error(
            request, _("“%(title)s” cannot be reviewed.") % {"title": _display_title(target)}
        )
    else:
        messages.success(
            request,
            _("“%(title)s” was submitted for review.") % {"title": _display_title(target)},
        )
    return target


def submit_for_review(request, translation_id: int):
    """Save the translator's strings as a draft (page or snippet) and start its review.

    wagtail-localize's translation editor only offers "Publish"; translators without that right
    use this action instead, and staff approve through the "Translation review" workflow. The
    draft never reaches the live row (`review.save_draft_revision`).
    """
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


class SafeSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", refusing unpublished sources and translating
    from a fresh snapshot, never from the one an earlier locale was given."""

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
    """ "Sync translated pages", refusing a source with unpublished changes.

    The sync itself is upstream's: it replaces only segments whose source text changed, and
    translations stopped by hand (manual edits) are left alone.
    """

    def post(self, request, **kwargs):
        if _refuse_unpublished(request, self.object.get_source_instance()):
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
