"""The blocks a newsletter is composed of: the shared text, image and call-to-action blocks, plus
featured pages shown as cards and an automatic list of upcoming events.

Each block renders twice: on the web (its `template`) and in the email (a table-based template
under `newsletters/email/blocks/`, chosen by `newsletters.rendering`), so the web archive and the
inbox show the same issue. Values both renderings need are computed on `StructValue` subclasses.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale, Page

from home.blocks import CallToActionBlock, FigureBlock, HeadingBlock
from home.registry import get_listings

UPCOMING_EVENTS_LISTING = "upcoming_events"
SUMMARY_FIELDS = ("lead", "summary", "intro", "search_description")
IMAGE_FIELDS = ("listing_image", "cover_image", "hero_image", "social_image")


@dataclass(frozen=True)
class Card:
    """What a card shows of any page: title, link, a line of summary, an optional image."""

    title: str
    url: str
    summary: str = ""
    image: Any = None
    meta: str = ""


def _summary(page: Page) -> str:
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _image(page: Page) -> Any:
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def localized_public_pages(pages: list[Page], locale: Locale | None = None) -> list[Page]:
    """`pages` in `locale` where a live translation exists, keeping only live, public pages.

    Drafts and private pages must never reach a newsletter (it is public and emailed), so the
    visibility filter runs on the version that will be shown, in a fixed number of queries.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    locale = locale or Locale.get_active()
    candidates = (
        Page.objects.filter(translation_key__in=[page.translation_key for page in pages])
        .filter(Q(locale=locale) | Q(pk__in=[page.pk for page in pages]))
        .live()
        .public()
        .specific()
    )
    in_locale = {page.translation_key: page for page in candidates if page.locale_id == locale.pk}
    by_pk = {page.pk: page for page in candidates}
    chosen = (in_locale.get(page.translation_key) or by_pk.get(page.pk) for page in pages)
    return [page for page in chosen if page is not None]


class FeaturedPagesValue(blocks.StructValue):
    """The chosen pages as cards, in the reader's language, without drafts or private pages."""

    @cached_property
    def cards(self) -> list[Card]:
        pages = [page for page in self.get("pages") or [] if page is not None]
        return [
            Card(
                title=page.title,
                url=page.get_url() or "",
                summary=_summary(page),
                image=_image(page),
            )
            for page in localized_public_pages(pages)
        ]


class FeaturedPagesBlock(blocks.StructBlock):
    """News, booklets, events or any other pages the editor wants to point readers to."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Optional heading above the cards, e.g. “Read more”."),
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(),
        min_num=1,
        max_num=6,
        help_text=_(
            "Pages shown as cards with their title, summary and image. Readers get each page in "
            "their own language where it is translated. Unpublished or private pages are left out."
        ),
    )

    class Meta:
        icon = "doc-full"
        template = "newsletters/blocks/featured_pages_block.html"
        description = _("Cards linking to pages on the site (news, booklets, events…)")
        value_class = FeaturedPagesValue
        preview_value = {"heading": "Read more", "pages": []}


def _event_card(item: Any) -> Card | None:
    """Adapt whatever the events app's provider returns (a page or a card-like object)."""
    page = getattr(item, "page", item)
    title = getattr(item, "title", None) or getattr(page, "title", "")
    url = getattr(item, "url", None) or (page.get_url() if hasattr(page, "get_url") else "")
    if not title or not url:
        return None
    start = getattr(item, "start", None) or getattr(page, "start_date", None)
    when = ""
    if isinstance(start, datetime | date):
        from django.utils.formats import date_format

        when = date_format(start, "DATE_FORMAT")
    place = getattr(item, "location", "") or ""
    meta = " · ".join(str(part) for part in (when, place) if part)
    return Card(title=str(title), url=url, summary=_summary(page), image=None, meta=meta)


class UpcomingEventsValue(blocks.StructValue):
    """The next events in the reader's language, read when the issue is rendered."""

    def events(self, request: Any = None) -> list[Card]:
        """Cards of the next events; empty when no app offers an "upcoming events" listing."""
        listing = next(
            (item for item in get_listings() if item.name == UPCOMING_EVENTS_LISTING), None
        )
        if listing is None:
            return []
        limit = self.get("limit") or 3
        cards = [
            _event_card(item) for item in listing.provider(request, Locale.get_active(), limit)
        ]
        return [card for card in cards if card is not None][:limit]

    @cached_property
    def cards(self) -> list[Card]:
        return self.events()


class UpcomingEventsBlock(blocks.StructBlock):
    """The network's next events, filled in automatically when the issue is sent or viewed."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Optional heading; “Upcoming events” is shown when empty."),
    )
    limit = blocks.IntegerBlock(
        default=3,
        min_value=1,
        max_value=10,
        help_text=_("How many events to show at most."),
    )

    class Meta:
        icon = "date"
        template = "newsletters/blocks/upcoming_events_block.html"
        description = _("The next events, listed automatically")
        value_class = UpcomingEventsValue
        preview_value = {"heading": "", "limit": 3}


class NewsletterStreamBlock(blocks.StreamBlock):
    """The body of a newsletter issue: only blocks that render well in email clients."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="home/blocks/paragraph_block.html",
        description=_("Rich text: paragraphs, lists and links"),
        preview_value="<p>News from the network’s centres this month.</p>",
    )
    image = FigureBlock()
    featured_pages = FeaturedPagesBlock()
    upcoming_events = UpcomingEventsBlock()
    call_to_action = CallToActionBlock()
