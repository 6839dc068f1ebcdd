"""Guards that keep translators' work when wagtail-localize would overwrite or misplace it.

Restarting a synced translation rebuilds the page from the translation memory, so hand edits are
copied into it first (`harvest_manual_edits`), or the restart is refused when they cannot be
(`unmappable_edits`). A source with unpublished changes would be translated from its published
text, so submitting and syncing refuse it; a new locale would get a stale snapshot, so
`refresh_source` runs before each submission.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def latest_content(instance):
    """The newest saved content of a page or snippet: its latest draft if it has one."""
    if isinstance(instance, Page):
        instance = instance.specific
    if isinstance(instance, DraftStateMixin) and instance.has_unpublished_changes:
        return instance.get_latest_revision_as_object()
    return instance


def _strings_by_path(segments) -> dict[str, list[str]]:
    by_path: dict[str, list[str]] = defaultdict(list)
    for segment in segments:
        if isinstance(segment, StringSegmentValue):
            by_path[segment.path].append(segment.string.data)
    return by_path


def _source_segments_by_path(source: TranslationSource) -> dict[str, list[StringSegment]]:
    by_path: dict[str, list[StringSegment]] = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    ):
        by_path[segment.context.path].append(segment)
    return by_path


def _plan(translation: Translation) -> tuple[list[tuple[StringSegment, str]], list[str]]:
    """Pair each source string with its hand-edited text on the translated page.

    A hand edit can only be paired when the translated page still has the same number of
    strings at the same place; a paragraph split in two, or merged, has no unambiguous
    counterpart and is reported instead.
    """
    target = latest_content(translation.get_target_instance())
    target_strings = _strings_by_path(extract_segments(target))
    pairs: list[tuple[StringSegment, str]] = []
    unmapped: list[str] = []
    for path, segments in _source_segments_by_path(translation.source).items():
        found = target_strings.get(path)
        if not found:
            continue
        if len(found) != len(segments):
            unmapped.append(path)
            continue
        pairs.extend(
            (segment, text)
            for segment, text in zip(segments, found, strict=True)
            if text != segment.string.data
        )
    return pairs, unmapped


def unmappable_edits(translation: Translation) -> list[str]:
    """Content paths whose hand edits could not be carried into the translation memory."""
    return _plan(translation)[1]


@transaction.atomic
def harvest_manual_edits(translation: Translation) -> int:
    """Store the translated page's hand-edited strings as the translation of their segments;
    returns how many were stored.

    Called before a stopped translation is synced again, so the rebuild that follows produces
    the text the translator wrote by hand rather than the older text in the translation memory.
    Strings still equal to the source text are left untranslated (they were never translated).
    """
    adopted = 0
    locale_id = translation.target_locale_id
    for segment, text in _plan(translation)[0]:
        place = {
            "translation_of_id": segment.string_id,
            "context_id": segment.context_id,
            "locale_id": locale_id,
        }
        existing = StringTranslation.objects.filter(**place).first()
        if existing is not None and existing.data == text:
            continue
        if existing is None:
            existing = StringTranslation(**place)
        existing.data = text
        existing.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        existing.tool_name = ""
        existing.last_translated_by = None  # edited by hand on the page: by whom is not known
        existing.updated_at = timezone.now()
        existing.has_error = False
        existing.field_error = ""
        existing.save()
        adopted += 1
    return adopted


def has_unpublished_source_changes(instance) -> bool:
    """True when the source was never published or has a newer draft than its live content."""
    if isinstance(instance, DraftStateMixin):  # pages included
        return not instance.live or instance.has_unpublished_changes
    return False


def refresh_source(instance) -> TranslationSource | None:
    """Bring an existing source snapshot up to date before more locales are added to it."""
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is not None:
        source.update_from_db()
    return source
