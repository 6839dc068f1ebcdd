"""Shared StreamField blocks; `BodyStreamBlock` is the body of every content page.

The editorial issue grows this set; feature apps add their own blocks in their `blocks.py`.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline valid for screen readers."""

    text = blocks.CharBlock(max_length=120, help_text=_("Keep headings short and descriptive."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        help_text=_("Use level 2 for main sections, 3 and 4 for subsections; never skip a level."),
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Why networks, alliances and partnerships?", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its source."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        description = _("A quotation with its source")
        preview_value = {
            "text": "Networks have the potential to co-create more sustained futures.",
            "attribution": "Cross-Cutting Issue 06",
        }


class BodyStreamBlock(blocks.StreamBlock):
    """The body of content pages, shared by every page type that has free-form content."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="home/blocks/paragraph_block.html",
        description=_("Rich text: paragraphs, lists and links"),
        preview_value="<p>Teachers need support to adopt new integrative methods.</p>",
    )
    quote = QuoteBlock()

    class Meta:
        block_counts = {}
