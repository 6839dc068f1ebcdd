"""Template tags that show translators what changed in the source and the glossary's terms,
above wagtail-localize's translation editor."""

from django import template

from wagtail_localize.models import Translation

from translation.changes import changed_segments
from translation.glossary import terms_by_sentence

register = template.Library()


@register.inclusion_tag("translation_workflow/editor/changes.html")
def changed_sentences(translation: Translation) -> dict:
    """Each sentence changed since it was translated: old and new source, previous translation."""
    return {"changes": changed_segments(translation), "translation": translation}


@register.inclusion_tag("translation_workflow/editor/glossary.html")
def glossary_terms(translation: Translation) -> dict:
    """The glossary's approved translations of the terms in each sentence (read-only)."""
    return {"sentences": terms_by_sentence(translation), "translation": translation}
