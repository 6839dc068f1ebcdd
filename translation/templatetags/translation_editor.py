"""Template tags of the translation editor as translators see it (`translation.editor`), with what
changed in the source and the glossary's terms above wagtail-localize's editor."""

import html

from django import template
from django.utils.translation import gettext as _

from wagtail_localize.models import Translation

from translation.changes import changed_segments
from translation.editor import submits_for_review, translator_props
from translation.glossary import terms_by_sentence
from translation.groups import translator_locale_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_props(context, props: str, instance) -> str:
    """The editor's props without the actions the current user cannot take."""
    return translator_props(props, context["request"].user, instance)


@register.simple_tag(takes_context=True)
def editor_submits_for_review(context, instance) -> bool:
    """Whether the editor's main action is "Submit for review" for the current user."""
    return submits_for_review(context["request"].user, instance)


@register.simple_tag(takes_context=True)
def editor_for_translator(context) -> bool:
    """Whether the current user is a partner translator (the editor hides links to the picture
    and document editors, which their allow-list refuses)."""
    return translator_locale_ids(context["request"].user) is not None


@register.inclusion_tag("translation_workflow/editor/changes.html")
def changed_sentences(translation: Translation) -> dict:
    """Each sentence changed since it was translated: old and new source, previous translation."""
    return {"changes": changed_segments(translation), "translation": translation}


@register.inclusion_tag("translation_workflow/editor/glossary.html")
def glossary_terms(translation: Translation) -> dict:
    """The glossary's approved translations of the terms in each sentence (read-only), and for
    the editor's script one hint per sentence, keyed by the text the editor shows."""
    sentences = terms_by_sentence(translation)
    hints = [
        {
            "text": " ".join(html.unescape(sentence.text).split()),
            "hint": _("Glossary: %(terms)s")
            % {"terms": "; ".join(f"{term.term} → {term.translation}" for term in sentence.terms)},
        }
        for sentence in sentences
    ]
    return {"sentences": sentences, "hints": hints, "translation": translation}
