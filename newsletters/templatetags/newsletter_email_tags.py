"""Template helpers of the newsletter email: absolute links, image renditions, plain text."""

from typing import Any

from django import template

from wagtail.rich_text import expand_db_html

from newsletters.sending.rendering import absolute_url, html_to_text

register = template.Library()


@register.filter
def absolute(url: Any, origin: str | None = None) -> str:
    """`url` with the site's origin when it is root-relative (emails have no base URL)."""
    return absolute_url(str(url or ""), origin)


@register.filter
def email_text(value: Any, origin: str | None = None) -> str:
    """Rich text as plain text for the email's text part, links written out."""
    source = getattr(value, "source", None)
    html = expand_db_html(source) if source is not None else str(value or "")
    return html_to_text(html, origin)


@register.filter
def underline(value: Any, char: str = "=") -> str:
    """A plain-text underline as long as `value`, for headings in the text part."""
    return char * min(len(str(value)), 72)


@register.simple_tag
def email_image(image: Any, spec: str) -> Any:
    """A rendition of `image` for the email, or None when the image or its file is missing.

    A deleted original must not stop a newsletter from going out; the image is then left out.
    """
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except (OSError, ValueError):
        return None
