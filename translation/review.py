"""Translators without the right to publish hand their synced translation to staff for review.

Review means something only if nothing a translator does reaches visitors or subscribers before
staff approve it. wagtail-localize's `Translation.save_target(publish=False)` writes the text onto
the target's row, which for a live page or snippet is what visitors see and newsletters mail, and
takes a draftable snippet offline. So the draft is saved as Wagtail's editor drafts a live page:
the text is applied to an in-memory copy and only `save_revision()` runs, touching nothing on the
row but bookkeeping columns (latest revision, draft title, "has unpublished changes"); approving
the workflow publishes the revision.
"""

from django.contrib.admin.utils import quote
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.segments.ingest import ingest_segments


def may_edit(user: AbstractBaseUser, target: Model) -> bool:
    """Whether `user` may edit `target`: page permissions, or the snippet model's permission."""
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(target)))


def edit_url(target: Model) -> str:
    """The admin address where `target` is edited."""
    return model_edit_url(type(target), target.pk)


def model_edit_url(model: type[Model], pk) -> str:
    """The admin address where the page or snippet `pk` of `model` is edited."""
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(pk)])


class NotReviewable(Exception):
    """The translation's target cannot be kept as a draft (it has no draft state)."""


def build_translated_draft(translation: Translation) -> Model:
    """The target with the current string translations applied, in memory only, built as
    wagtail-localize's `save_target` builds it. Raises `ObjectDoesNotExist` without a target."""
    source = translation.source
    original = source.as_instance()
    target = source.get_translated_instance(translation.target_locale)
    copy_synchronised_fields(original, target)
    # Untranslated strings keep the source text, as in wagtail-localize's own `save_target`.
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, target, source.locale, translation.target_locale, segments)
    if isinstance(target, Page):
        target.slug = find_available_slug(
            target.get_parent(), slugify(target.slug), ignore_page_id=target.pk
        )
    return target


def _convert_alias(page: Page, user) -> None:
    """An alias of the English page becomes a page of its own: only `alias_of` is written, so
    visitors keep seeing the English text until a revision is published."""
    page.alias_of_id = None
    page.save(update_fields=["alias_of_id"], clean=False)
    data = {"page": {"id": page.pk, "title": page.get_admin_display_title()}}
    log(instance=page, action="wagtail.convert_alias", user=user, data=data)


@transaction.atomic
def save_draft_revision(translation: Translation, user) -> Model:
    """Save the translator's strings as a new revision of the target, leaving its row alone;
    returns the target as stored. Raises `NotReviewable` for targets without draft state,
    `ValidationError` when the translated content is invalid."""
    try:
        target = build_translated_draft(translation)
    except ObjectDoesNotExist:
        # No target yet: wagtail-localize creates it as an unpublished draft, which no visitor
        # can see, so its row may hold the text.
        translation.save_target(user=user, publish=False)
        return translation.get_target_instance()
    if not isinstance(target, DraftStateMixin):
        raise NotReviewable(str(target))
    if isinstance(target, Page) and target.alias_of_id:
        _convert_alias(target, user)
    # Validates the content (clean=True), then writes only the revision bookkeeping columns.
    target.save_revision(user=user)
    if isinstance(target, Page):
        translation.source.sync_view_restrictions(translation.source.as_instance(), target)
    return type(target).objects.get(pk=target.pk)


@transaction.atomic
def submit_translation_for_review(translation: Translation, user) -> Model:
    """Save the current translations as a draft revision and start the target's workflow (a
    target already in review keeps it: staff review the latest revision)."""
    target = save_draft_revision(translation, user)
    workflow = target.get_workflow() if hasattr(target, "get_workflow") else None
    if workflow is not None and target.current_workflow_state is None:
        workflow.start(target, user)
    return target


def may_publish(user: AbstractBaseUser, target: Model) -> bool:
    """Whether `user` may publish `target` (page permissions, or the snippet model's)."""
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(target)))


def has_unreviewed_strings(translation: Translation) -> bool:
    """Whether someone who may not publish the target changed one of its strings since it was
    last published: publishing the strings now would put unreviewed text online."""
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return False
    strings = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        translation_of_id__in=StringSegment.objects.filter(source=translation.source).values(
            "string_id"
        ),
        last_translated_by__isnull=False,
    )
    if since := getattr(target, "last_published_at", None):
        strings = strings.filter(updated_at__gt=since)
    editors = {string.last_translated_by for string in strings.select_related("last_translated_by")}
    return any(not may_publish(editor, target) for editor in editors)


def publish_reviewed(translations, user) -> list[Translation]:
    """Staff's "sync and publish immediately": publish each translation, except those holding a
    translator's unreviewed strings, which go to review instead (returned)."""
    held = []
    for translation in translations:
        try:
            if has_unreviewed_strings(translation):
                submit_translation_for_review(translation, user)
                held.append(translation)
            else:
                translation.save_target(user=user, publish=True)
        except (ValidationError, NotReviewable, MissingTranslationError, MissingRelatedObjectError):
            continue  # as upstream: a translation that does not validate is left as it is
    return held
