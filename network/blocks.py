"""Blocks specific to the network's content: booklet chapters and issue recommendations."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ChapterValue(blocks.StructValue):
    """A chapter knows its own anchor, so the table of contents and the heading agree."""

    def anchor(self) -> str:
        return "chapter-" + (slugify(self.get("title") or "") or "untitled")


class ChapterBlock(blocks.StructBlock):
    """One chapter of a booklet: a heading that appears in the table of contents, and its text."""

    title = blocks.CharBlock(max_length=160)
    summary = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the chapter covers; the full text is in the PDF."),
    )

    class Meta:
        icon = "doc-full"
        template = "network/blocks/chapter_block.html"
        label = _("Chapter")
        description = _("A chapter, listed in the table of contents")
        value_class = ChapterValue
        preview_value = {
            "title": "Why networks, alliances and partnerships?",
            "summary": "<p>Networks connect stakeholders across the education system.</p>",
        }


class ChapterStreamBlock(blocks.StreamBlock):
    """The chapters of a booklet, in reading order."""

    chapter = ChapterBlock()


class RecommendationsBlock(blocks.StreamBlock):
    """Key recommendations of a cross-cutting issue, as a list editors can reorder."""

    recommendations = blocks.ListBlock(
        blocks.TextBlock(label=_("Recommendation")),
        icon="list-ol",
        template="network/blocks/recommendations_block.html",
        description=_("A numbered list of recommendations"),
        preview_value=["Give networks time to grow.", "Involve policy makers early."],
    )
