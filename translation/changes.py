"""Which sentences of a source changed since they were translated, with their old and new text.

wagtail-localize keys a translation by the source string *and* its place in the content (the
`TranslationContext`, kept across revisions). So a segment has "changed" for a locale when it is
untranslated there but its place holds a translation of another string: the old source text,
whose translation is the translator's starting point for the new one.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, F, OuterRef
from django.utils.html import strip_tags
from django.utils.text import capfirst

from wagtail_localize.models import StringSegment, StringTranslation, Translation


@dataclass(frozen=True)
class ChangedSegment:
    """One sentence whose source text changed after it was translated."""

    segment_id: int
    field: str
    old_source: str
    new_source: str
    previous_translation: str


def _current_translation(locale_ref) -> Exists:
    return Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_ref,
            has_error=False,
        )
    )


def changed_counts(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """`{(source id, locale id): changed segments}` for the pairs asked (one query)."""
    pairs = set(pairs)
    source_ids = {source_id for source_id, _locale in pairs}
    locale_ids = {locale_id for _source, locale_id in pairs}
    if not pairs:
        return {}
    rows = (
        StringSegment.objects.filter(
            source_id__in=source_ids, context__translations__locale_id__in=locale_ids
        )
        .annotate(
            target_locale=F("context__translations__locale_id"),
            old_string=F("context__translations__translation_of_id"),
        )
        .exclude(old_string=F("string_id"))
        .filter(~_current_translation(OuterRef("target_locale")))
        .values("source_id", "target_locale")
        .annotate(changed=Count("id", distinct=True))
        .values_list("source_id", "target_locale", "changed")
    )
    return {
        (source_id, locale_id): count
        for source_id, locale_id, count in rows
        if (source_id, locale_id) in pairs
    }


def field_label(model, path: str) -> str:
    """The editor's name of the field a content path starts in ("Title", "Body")."""
    name = path.split(".")[0]
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except (AttributeError, FieldDoesNotExist):
        return name


def changed_segments(translation: Translation) -> list[ChangedSegment]:
    """The changed sentences of one translation, in the order of the source."""
    locale_id = translation.target_locale_id
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(done=_current_translation(locale_id))
        .filter(done=False)
        .select_related("string", "context")
        .order_by("order")
    )
    if not segments:
        return []
    previous: dict[int, StringTranslation] = {}
    for old in (
        StringTranslation.objects.filter(
            locale_id=locale_id, context_id__in={segment.context_id for segment in segments}
        )
        .select_related("translation_of")
        .order_by("updated_at")
    ):
        previous[old.context_id] = old  # the newest translation at that place wins
    model = translation.source.specific_content_type.model_class()
    changed = []
    for segment in segments:
        old = previous.get(segment.context_id)
        if old is None or old.translation_of_id == segment.string_id:
            continue
        changed.append(
            ChangedSegment(
                segment_id=segment.pk,
                field=field_label(model, segment.context.path),
                old_source=strip_tags(old.translation_of.data),
                new_source=strip_tags(segment.string.data),
                previous_translation=strip_tags(old.data),
            )
        )
    return changed
