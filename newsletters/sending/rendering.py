"""Turning a newsletter page into an email: HTML for inboxes, a plain-text part, a subject.

An edition is rendered once per language and send (not once per recipient): per-recipient
values (the unsubscribe and preference links) are left as placeholders, which dispatch replaces
with the ESP's merge fields for batch sending, or with each recipient's own links when it sends
one message per recipient.

Email clients are not browsers: the template is table-based, every style is inlined with
css-inline (Gmail and Outlook drop `<style>` in places), links and images are absolute, images
carry alt text, and colours stay readable when a client switches to dark mode.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Locale

import css_inline

from newsletters.conf import base_url

# Per-recipient values, as placeholders that survive escaping, inlining and URL attributes.
MERGE_FIELDS = ("unsubscribe_url", "preferences_url")
PLACEHOLDER = "%%NL_{}%%"
SITE_NAME = "STEM PD Net"

_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')
_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True)


def placeholder(field: str) -> str:
    """The marker a per-recipient field leaves in a rendered edition."""
    return PLACEHOLDER.format(field.upper())


@dataclass(frozen=True)
class Edition:
    """One issue in one language, ready to send: subject, HTML and text with placeholders."""

    subject: str
    html: str
    text: str

    def personalize(self, values: dict[str, str]) -> tuple[str, str]:
        """HTML and text with the placeholders replaced by `values` (field name → value)."""
        html, text = self.html, self.text
        for field in MERGE_FIELDS:
            marker = placeholder(field)
            html = html.replace(marker, values.get(field, ""))
            text = text.replace(marker, values.get(field, ""))
        return html, text


def absolutize(html: str, origin: str) -> str:
    """Make every root-relative `href` and `src` absolute: an email has no base URL."""
    return _RELATIVE_URL.sub(lambda match: f"{match.group(1)}{origin}/", html)


def absolute_url(url: str, origin: str | None = None) -> str:
    """`url` with the site's origin when it is root-relative."""
    if url.startswith("/") and not url.startswith("//"):
        return (origin if origin is not None else base_url()) + url
    return url


class _TextExtractor(HTMLParser):
    """Rich text to readable plain text: paragraphs, list items, and links with their URL."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table"}

    def __init__(self, origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.origin = origin
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(absolute_url(dict(attrs).get("href") or "", self.origin))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith(("#", "mailto:")):
                self.parts.append(f" ({href})")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not data.strip():
            self.parts.append(" " if data else "")
            return
        lead = " " if data[0].isspace() else ""
        trail = " " if data[-1].isspace() else ""
        self.parts.append(lead + " ".join(data.split()) + trail)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str, origin: str | None = None) -> str:
    """Plain text of an HTML fragment, for the text part of the email."""
    parser = _TextExtractor(origin if origin is not None else base_url())
    parser.feed(str(html))
    parser.close()
    return parser.text()


def render_edition(page, language: str) -> Edition:
    """Render `page` (already the right version) as the email for `language`.

    Runs the blocks' own queries once (featured pages, upcoming events); the result is reused for
    every recipient of that language.
    """
    origin = base_url()
    with translation.override(language):
        locale = Locale.objects.filter(language_code=language).first()
        web_url = absolute_url(page.get_url() or "", origin) if page.live else ""
        context = {
            "page": page,
            "language": language,
            "locale": locale,
            "site_name": SITE_NAME,
            "site_url": f"{origin}/{language}/",
            "origin": origin,
            "web_url": web_url,
            **{field: placeholder(field) for field in MERGE_FIELDS},
        }
        html = render_to_string("newsletters/email/newsletter.html", context)
        text = render_to_string("newsletters/email/newsletter.txt", context)
    html = absolutize(_INLINER.inline(html), origin)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return Edition(subject=" ".join(page.email_subject.split()), html=html, text=text)


def render_preview(page) -> str:
    """The email preview in the admin: the page's language, example links for the reader."""
    language = page.locale.language_code if page.locale_id else translation.get_language()
    edition = render_edition(page, language)
    html, _text = edition.personalize(dict.fromkeys(MERGE_FIELDS, "#"))
    return html
