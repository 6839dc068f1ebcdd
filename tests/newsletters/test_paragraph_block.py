"""Page bodies and newsletters share one paragraph block, so they offer editors the same text
features and render paragraphs with the same template."""

from home.blocks import BodyStreamBlock, ParagraphBlock
from newsletters.blocks import NewsletterStreamBlock


def test_pages_and_newsletters_share_the_paragraph_block():
    body = BodyStreamBlock().child_blocks["paragraph"]
    newsletter = NewsletterStreamBlock().child_blocks["paragraph"]
    assert isinstance(body, ParagraphBlock) and isinstance(newsletter, ParagraphBlock)
    assert (
        body.features
        == newsletter.features
        == ["bold", "italic", "link", "document-link", "ol", "ul"]
    )
    assert body.meta.template == newsletter.meta.template == "home/blocks/paragraph_block.html"
