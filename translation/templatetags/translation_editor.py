"""Template tags of the translation editor as translators see it (`translation.editor`)."""

from django import template

from translation.editor import submits_for_review, translator_props

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_props(context, props: str, instance) -> str:
    """The editor's props without the actions the current user cannot take."""
    return translator_props(props, context["request"].user, instance)


@register.simple_tag(takes_context=True)
def editor_submits_for_review(context, instance) -> bool:
    """Whether the editor's main action is "Submit for review" for the current user."""
    return submits_for_review(context["request"].user, instance)
