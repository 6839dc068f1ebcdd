"""The blocks a newsletter is composed of: the shared text, image and call-to-action blocks, plus
featured pages shown as cards and an automatic list of upcoming events.

Each block renders twice: on the web (its `template`) and in the email (a table-based template
under `newsletters/email/blocks/`, chosen by `newsletters.sending.rendering`), so the web
archive and the inbox show the same issue. Values both renderings need are computed on
`StructValue` subclasses.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale, Page

from home.blocks import CallToActionBlock, FigureBlock, HeadingBlock, ParagraphBlock
from home.listings import ListingItem, listing, page_listing_item

UPCOMING_EVENTS_LISTING = "upcoming_events"


@dataclass(frozen=True)
class Card:
    """What a card shows of any page: title, link, a line of summary, an optional image."""

    title: str
    url: str
    summary: str = ""
    image: Any = None
    meta: str = ""
    language: str = ""  # set when the item is not in the reader's language
    is_cancelled: bool = False

    @property
    def language_name(self) -> str:
        """The language of an item not in the reader's language, named in the reader's language
        ("Englisch" for a German reader): the email's "(Englisch)" label after the title."""
        if not self.language:
            return ""
        try:
            return str(get_language_info(self.language)["name_translated"])
        except KeyError:
            return self.language.upper()


def card_from_item(item: ListingItem) -> Card:
    """A newsletter card from the shared listing contract; cancelled events say so first."""
    when = ""
    if isinstance(item.start, datetime | date):
        when = date_format(item.start, "DATE_FORMAT")
    status = ""
    if item.is_cancelled:
        status = gettext("Cancelled")
    elif item.is_postponed:
        status = gettext("Postponed")
    meta = " · ".join(str(part) for part in (status, when, item.location) if part)
    return Card(
        title=item.title,
        url=item.url,
        summary=item.summary,
        image=item.image,
        meta=meta,
        language=item.language if item.is_fallback else "",
        is_cancelled=item.is_cancelled,
    )


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
        locale = Locale.get_active()
        cards = []
        for page in localized_public_pages(pages, locale):
            item = page_listing_item(page)
            if page.locale_id != locale.pk:
                item = replace(item, is_fallback=True)
            cards.append(card_from_item(item))
        return cards


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
        label = _("Featured pages")
        description = _("Cards linking to pages on the site (news, booklets, events…)")
        value_class = FeaturedPagesValue
        preview_value = {"heading": "Read more", "pages": []}


class UpcomingEventsValue(blocks.StructValue):
    """The next events in the reader's language, read when the issue is rendered."""

    @cached_property
    def cards(self) -> list[Card]:
        """Cards of the next events; empty when no app offers an "upcoming events" listing."""
        events = listing(UPCOMING_EVENTS_LISTING)
        if events is None:
            return []
        limit = self.get("limit") or 3
        items = events.items(None, Locale.get_active(), limit)
        return [card_from_item(item) for item in items if item.title and item.url][:limit]


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
        label = _("Upcoming events")
        description = _("The next events, listed automatically")
        value_class = UpcomingEventsValue
        preview_value = {"heading": "", "limit": 3}


class NewsletterStreamBlock(blocks.StreamBlock):
    """The body of a newsletter issue: only blocks that render well in email clients."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(preview_value="<p>News from the network’s centres this month.</p>")
    image = FigureBlock()
    featured_pages = FeaturedPagesBlock()
    upcoming_events = UpcomingEventsBlock()
    call_to_action = CallToActionBlock()
