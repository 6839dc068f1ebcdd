"""Template tags that show translators what changed in the source and the glossary's terms,
above wagtail-localize's translation editor."""

from django import template

from wagtail_localize.models import Translation

from translation.changes import changed_segments

register = template.Library()


@register.inclusion_tag("translation_workflow/editor/changes.html")
def changed_sentences(translation: Translation) -> dict:
    """Each sentence changed since it was translated: old and new source, previous translation."""
    return {"changes": changed_segments(translation), "translation": translation}
