"""Shared StreamField blocks; `BodyStreamBlock` is the body of every content page.

Feature apps reuse it and add their own blocks in their `blocks.py`. Values a template needs but
editors do not enter (a link's target in the visitor's language, a file's size, an embed's shape)
are computed on `StructValue` subclasses rather than in templates.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTable, TypedTableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

INLINE_RICH_TEXT = ["bold", "italic", "link", "document-link"]
PREVIEW_EMBED_URL = "https://www.youtube.com/watch?v=jNQXAC9IVRw"

# Aspect ratios the stylesheet reserves room for (class `embed--<name>`), so an embedded player
# keeps its shape without the inline style Wagtail's default embed template would add (our
# Content Security Policy forbids inline styles).
EMBED_RATIOS = {"16x9": 16 / 9, "4x3": 4 / 3, "1x1": 1.0, "9x16": 9 / 16}


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
        label = _("Heading")
        description = _("A section heading")
        preview_value = {"text": "Why networks, alliances and partnerships?", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its source."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with its source")
        preview_value = {
            "text": "Networks have the potential to co-create more sustained futures.",
            "attribution": "Cross-Cutting Issue 06",
        }


class FigureBlock(blocks.StructBlock):
    """An image with optional caption; alt text is required unless the image is decorative.

    Wagtail's `ImageBlock` asks editors for alt text in context (the same photo needs different
    alt text on different pages) or an explicit "decorative" tick, which renders `alt=""`.
    """

    image = ImageBlock()
    caption = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=_("Shown under the image. Credit the photographer here if required."),
    )

    class Meta:
        icon = "image"
        template = "home/blocks/figure_block.html"
        label = _("Image")
        description = _("An image with alt text and an optional caption")
        preview_value = {"image": None, "caption": "Teachers at a STEM PD workshop"}

    def get_preview_value(self):
        """Preview with the newest image in the library, since no fixed image id can be assumed."""
        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return super().get_preview_value()
        image.contextual_alt_text = image.default_alt_text
        image.decorative = False
        return self.normalize({"image": image, "caption": "Teachers at a STEM PD workshop"})


class CallToActionValue(blocks.StructValue):
    """Resolves the link target: a page in the visitor's language, else the external URL."""

    @cached_property
    def href(self) -> str:
        """Where the button leads: the chosen page's live version in the visitor's language, else
        the external URL; empty for an unpublished page (the template hides it: never a 404)."""
        page = self.get("page")
        if page is None:
            return self.get("url") or ""
        page = page.localized
        return (page.get_url() or "") if page.live else ""

    @property
    def is_external(self) -> bool:
        """External links are announced, since they leave the site."""
        return self.get("page") is None and bool(self.get("url"))


class CallToActionBlock(blocks.StructBlock):
    """A prominent link inviting the reader to act: sign up, download, read more."""

    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text=_("One or two sentences saying why the reader should follow the link."),
    )
    label = blocks.CharBlock(
        max_length=60,
        help_text=_("The button text: say what happens, e.g. “Read the booklet”."),
    )
    page = blocks.PageChooserBlock(
        required=False,
        help_text=_("A page on this site. Visitors get its version in their own language."),
    )
    url = blocks.URLBlock(required=False, help_text=_("Or a link to another website."))

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A button linking to a page or another website")
        value_class = CallToActionValue
        preview_value = {
            "text": "Quality criteria and guidelines for STEM teacher PD, free to download.",
            "label": "Explore the outputs",
            "page": None,
            "url": "https://example.org/outputs",
        }

    def clean(self, value):
        """Exactly one target: a button with two targets, or none, is an editing mistake."""
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter a URL, but not both.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class EmbedValue(blocks.StructValue):
    """The embed's HTML and shape, fetched once (Wagtail caches oEmbed answers in the database)."""

    @cached_property
    def embed(self):
        """Wagtail's cached `Embed`, or None when the provider cannot be reached or refuses."""
        value = self.get("embed")
        if not value:
            return None
        try:
            return embeds.get_embed(value.url)
        except EmbedException:
            return None

    @cached_property
    def html(self) -> str:
        """The provider's player, switched to YouTube's privacy-enhanced host.

        The no-cookie host sets no tracking cookies before the visitor presses play, and it is the
        YouTube host our Content Security Policy allows in frames.
        """
        if self.embed is None:
            return ""
        return self.embed.html.replace(
            "https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/"
        )

    @cached_property
    def ratio(self) -> str:
        """The closest aspect ratio the stylesheet knows (`embed--16x9` and so on)."""
        embed = self.embed
        if embed is None or not embed.width or not embed.height:
            return "16x9"
        actual = embed.width / embed.height
        return min(EMBED_RATIOS, key=lambda name: abs(EMBED_RATIOS[name] - actual))

    @property
    def url(self) -> str:
        """The original address, linked below the player and used when it cannot be shown."""
        value = self.get("embed")
        return value.url if value else ""

    @property
    def title(self) -> str:
        """A name for the media: the caption, else the provider's title."""
        return self.get("caption") or (self.embed.title if self.embed else "")


class MediaEmbedBlock(blocks.StructBlock):
    """A video or other media from YouTube, Vimeo and similar services, with a caption."""

    embed = EmbedBlock(
        help_text=_("The address of the video page, e.g. https://www.youtube.com/watch?v=…"),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Says what the media shows; also read out to screen-reader users."),
    )

    class Meta:
        icon = "media"
        template = "home/blocks/embed_block.html"
        label = _("Embed")
        description = _("A video or other media from YouTube, Vimeo and similar services")
        value_class = EmbedValue
        preview_value = {"embed": PREVIEW_EMBED_URL, "caption": "A short introduction"}


class DocumentLinkValue(blocks.StructValue):
    """What a visitor needs before downloading: the file's name, type and size."""

    @property
    def text(self) -> str:
        """The editor's label, else the document's title."""
        document = self.get("document")
        return self.get("label") or (document.title if document else "")

    @property
    def file_type(self) -> str:
        """The file type in capitals, e.g. PDF."""
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    @property
    def file_size(self) -> int | None:
        """The size in bytes (Wagtail stores it on upload), or None when the file is missing."""
        document = self.get("document")
        return document.get_file_size() if document else None


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from Wagtail's library, showing its file type and size."""

    document = DocumentChooserBlock()
    label = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("The link text. Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link_block.html"
        label = _("Document")
        description = _("A link to a document, with its file type and size")
        value_class = DocumentLinkValue
        preview_value = {"document": None, "label": "Cross-Cutting Issue 06 (PDF)"}

    def get_preview_value(self):
        """Preview with the newest document in the library, since no fixed id can be assumed."""
        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize({"document": document, "label": ""})


class TranslatableTypedTableBlock(TypedTableBlock):
    """Wagtail's typed table, made translatable: caption, column headings and text cells.

    wagtail-localize silently skips block types it does not know, which would leave every table
    in English on translated pages. These two methods give it the table's strings as segments
    (paths `caption`, `heading-<column>`, `cell-<row>-<column>`) and put translations back.
    """

    def get_translatable_segments(self, table: TypedTable) -> list:
        """The strings translators see, in reading order; numbers are not translated."""
        extractor = StreamFieldSegmentExtractor(field=None)
        segments = []
        if table.caption:
            segments.append(StringSegmentValue("caption", table.caption))
        for index, column in enumerate(table.columns):
            if column["heading"]:
                segments.append(StringSegmentValue(f"heading-{index}", column["heading"]))
        for row_index, row in enumerate(table.row_data):
            for column_index, column in enumerate(table.columns):
                value = row["values"][column_index]
                if value in (None, ""):
                    continue
                segments.extend(
                    segment.wrap(f"cell-{row_index}-{column_index}")
                    for segment in extractor.handle_block(column["block"], value)
                )
        return segments

    def restore_translated_segments(self, table: TypedTable, segments: list) -> TypedTable:
        """A copy of `table` with the translated strings put back where they came from."""
        writer = StreamFieldSegmentsWriter(field=None, src_locale=None, tgt_locale=None)
        by_path = defaultdict(list)
        for segment in segments:
            path, inner = segment.unwrap()
            by_path[path].append(inner)

        def text(path: str, original: str) -> str:
            return by_path[path][0].render_text() if path in by_path else original

        columns = [
            {**column, "heading": text(f"heading-{index}", column["heading"])}
            for index, column in enumerate(table.columns)
        ]
        row_data = []
        for row_index, row in enumerate(table.row_data):
            values = []
            for column_index, column in enumerate(table.columns):
                value = row["values"][column_index]
                path = f"cell-{row_index}-{column_index}"
                if path in by_path:
                    value = writer.handle_block(column["block"], value, by_path[path])
                values.append(value)
            row_data.append({**row, "values": values})
        return TypedTable(
            columns=columns, row_data=row_data, caption=text("caption", table.caption)
        )


class TableValue(blocks.StructValue):
    """Rows prepared for accessible markup: which cells are row headers, which are numbers."""

    @property
    def caption(self) -> str:
        """The table's caption (entered in the table editor)."""
        return self["table"].caption if self.get("table") else ""

    @property
    def columns(self) -> list[dict]:
        """Column headings with their kind, so numbers can be aligned right."""
        table = self.get("table")
        return [
            {"heading": column["heading"], "kind": column["block"].name}
            for column in (table.columns if table else [])
        ]

    @property
    def rows(self) -> list[list[dict]]:
        """Each row as cells: `{"block", "kind", "is_header"}`.

        When the editor says the first column names the rows, its cells become `<th scope="row">`
        so screen readers announce them with every value in the row.
        """
        table = self.get("table")
        if not table:
            return []
        kinds = [column["block"].name for column in table.columns]
        row_headers = bool(self.get("first_column_is_header"))
        return [
            [
                {"block": cell, "kind": kind, "is_header": row_headers and index == 0}
                for index, (cell, kind) in enumerate(zip(row, kinds, strict=False))
            ]
            for row in table.rows
        ]


class TableBlock(blocks.StructBlock):
    """A data table with typed columns, a caption and optional row headers."""

    table = TranslatableTypedTableBlock(
        [
            ("text", blocks.CharBlock(max_length=200, label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
            ("rich_text", blocks.RichTextBlock(features=INLINE_RICH_TEXT, label=_("Rich text"))),
        ],
        help_text=_(
            "Give the table a caption: it tells everyone, and screen readers, what it shows."
        ),
    )
    first_column_is_header = blocks.BooleanBlock(
        required=False,
        default=False,
        help_text=_("Tick when the first column names each row (e.g. a country or a year)."),
    )

    class Meta:
        icon = "table"
        template = "home/blocks/table_block.html"
        label = _("Table")
        description = _("A table of data with a caption")
        value_class = TableValue
        preview_value = {
            "table": {
                "caption": "PD centres in the network",
                "columns": [
                    {"type": "text", "heading": "Country"},
                    {"type": "number", "heading": "Centres"},
                ],
                "rows": [
                    {"values": ["Germany", Decimal(6)]},
                    {"values": ["Finland", Decimal(3)]},
                ],
            },
            "first_column_is_header": True,
        }


class QuestionBlock(blocks.StructBlock):
    """One question of an accordion and its answer."""

    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=[*INLINE_RICH_TEXT, "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question")


class AccordionBlock(blocks.StructBlock):
    """Questions that open to show their answers (FAQ), built on `<details>`: no script needed."""

    heading = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Optional, e.g. “Frequently asked questions”.")
    )
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion_block.html"
        label = _("Accordion")
        description = _("Questions that open to show their answers (FAQ)")
        preview_value = {
            "heading": "Frequently asked questions",
            "questions": [
                {
                    "question": "Who can join the network?",
                    "answer": "<p>Any centre organising STEM teacher PD; membership is free.</p>",
                },
                {
                    "question": "Which languages are the booklets in?",
                    "answer": "<p>English, and many in the partners' languages too.</p>",
                },
            ],
        }


class ParagraphBlock(blocks.RichTextBlock):
    """Paragraphs, lists and links: the one rich-text block of page bodies and newsletters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", [*INLINE_RICH_TEXT, "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Rich text: paragraphs, lists and links")
        preview_value = "<p>Teachers need support to adopt new integrative methods.</p>"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of content pages, shared by every page type that has free-form content."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = MediaEmbedBlock()
    document = DocumentLinkBlock()
    table = TableBlock()
    accordion = AccordionBlock()

    class Meta:
        block_counts = {}
