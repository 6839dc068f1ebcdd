"""Each block of the shared body renders accessible markup on a published page."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.models import Embed

import pytest
import wagtail_factories

from home.blocks import PREVIEW_EMBED_URL, BodyStreamBlock, CallToActionBlock
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=abc123"


def cache_embed(url: str, html: str, width: int = 640, height: int = 360) -> Embed:
    """Store an oEmbed answer the way Wagtail caches it, so tests never reach the provider."""
    return Embed.objects.create(
        url=url,
        hash=embeds.get_embed_hash(url),
        type="video",
        html=html,
        title="Provider title",
        width=width,
        height=height,
    )


def render(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_heading_renders_at_the_chosen_level(client, page_with_body):
    page = page_with_body([("heading", {"text": "Our aims", "level": "h3"})])
    assert "<h3>Our aims</h3>" in render(client, page)


def test_paragraph_renders_rich_text(client, page_with_body):
    page = page_with_body([("paragraph", "<p>Teachers <b>learn</b> together.</p>")])
    assert "Teachers <b>learn</b> together." in render(client, page)


def test_image_renders_a_responsive_picture_with_its_alt_text_and_caption(client, page_with_body):
    image = wagtail_factories.ImageFactory(title="Workshop photo")
    page = page_with_body(
        [
            (
                "image",
                {
                    "image": {"image": image.pk, "alt_text": "Teachers building a robot"},
                    "caption": "Summer school 2018",
                },
            )
        ]
    )
    html = render(client, page)
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert re.search(r'<img [^>]*alt="Teachers building a robot"', html)
    assert re.search(r'<img [^>]*sizes="\(min-width: 48rem\) 45rem, 100vw"', html)
    assert "srcset=" in html
    assert "<figcaption>Summer school 2018</figcaption>" in html


def test_decorative_image_renders_with_an_empty_alt(client, page_with_body):
    image = wagtail_factories.ImageFactory(title="Pattern")
    page = page_with_body(
        [("image", {"image": {"image": image.pk, "decorative": True, "alt_text": ""}})]
    )
    html = render(client, page)
    assert re.search(r'<img [^>]*alt=""', html)
    assert "Pattern" not in re.search(r"<picture>.*</picture>", html, re.S).group(0)


def test_call_to_action_links_to_the_pages_version_in_the_visitors_language(
    client, home_page, german_home, page_with_body, translate
):
    outputs = StandardPageFactory(parent=home_page, slug="outputs", title="Outputs")
    translate(outputs, "de", slug="ergebnisse", title="Ergebnisse")
    page = page_with_body([("call_to_action", {"label": "See the outputs", "page": outputs.pk})])
    german_page = translate(page, "de")
    assert '<a class="button" href="/en/outputs/">See the outputs</a>' in render(client, page)
    assert 'href="/de/ergebnisse/"' in render(client, german_page)


def test_call_to_action_to_an_unpublished_page_is_left_out(client, home_page, page_with_body):
    draft = StandardPageFactory(parent=home_page, slug="draft", title="Draft", live=False)
    page = page_with_body([("call_to_action", {"label": "Go there", "page": draft.pk})])
    assert "Go there" not in render(client, page)


def test_call_to_action_to_another_website_is_announced_as_external(client, page_with_body):
    page = page_with_body(
        [("call_to_action", {"label": "Erasmus+", "url": "https://erasmus-plus.ec.europa.eu/"})]
    )
    html = render(client, page)
    assert 'href="https://erasmus-plus.ec.europa.eu/" rel="external"' in html
    assert "(another website)" in html


def test_call_to_action_with_both_a_page_and_a_url_is_rejected(home_page):
    block = CallToActionBlock()
    value = block.to_python({"label": "Go", "page": home_page.pk, "url": "https://example.org/"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_call_to_action_without_a_target_is_rejected(db):
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Go", "page": None, "url": ""}))


def test_embed_renders_the_cached_player_on_the_no_cookie_host_with_a_caption(
    client, page_with_body
):
    cache_embed(
        VIDEO_URL,
        '<iframe src="https://www.youtube.com/embed/abc123" title="Intro"></iframe>',
        width=640,
        height=480,
    )
    page = page_with_body([("embed", {"embed": VIDEO_URL, "caption": "How PD centres work"})])
    html = render(client, page)
    assert 'src="https://www.youtube-nocookie.com/embed/abc123"' in html
    assert 'class="embed__frame embed--4x3"' in html
    assert "How PD centres work" in html
    assert f'href="{VIDEO_URL}"' in html
    assert "style=" not in html


def test_embed_that_cannot_be_fetched_falls_back_to_a_link(client, page_with_body, monkeypatch):
    def unreachable(*args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr(embeds, "get_embed", unreachable)
    page = page_with_body([("embed", {"embed": VIDEO_URL, "caption": "Intro video"})])
    html = render(client, page)
    assert "<iframe" not in html
    assert f'<a href="{VIDEO_URL}" rel="external">Open on the original website</a>' in html


def test_document_link_shows_the_file_type_and_size(client, page_with_body):
    document = wagtail_factories.DocumentFactory(
        title="Booklet", file=ContentFile(b"x" * 2048, name="booklet.pdf")
    )
    page = page_with_body([("document", {"document": document.pk, "label": "The booklet"})])
    html = render(client, page)
    assert f'<a href="{document.url}">The booklet</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_document_link_without_a_label_uses_the_document_title(client, page_with_body):
    document = wagtail_factories.DocumentFactory(
        title="Annual report", file=ContentFile(b"data", name="report.docx")
    )
    page = page_with_body([("document", {"document": document.pk, "label": ""})])
    html = render(client, page)
    assert ">Annual report</a>" in html
    assert "(DOCX, 4\xa0bytes)" in html


def test_table_renders_its_caption_and_header_scopes(client, page_with_body):
    table = {
        "caption": "Centres per country",
        "columns": [
            {"type": "text", "heading": "Country"},
            {"type": "number", "heading": "Centres"},
        ],
        "rows": [{"values": ["Germany", "6"]}, {"values": ["Finland", "3"]}],
    }
    page = page_with_body([("table", {"table": table, "first_column_is_header": True})])
    html = render(client, page)
    assert "<caption>Centres per country</caption>" in html
    assert '<th scope="col" class="cell--text">Country</th>' in html
    assert '<th scope="col" class="cell--number">Centres</th>' in html
    assert '<th scope="row">Germany</th>' in html
    assert '<td class="cell--number">6</td>' in html
    assert 'role="region" aria-label="Centres per country"' in html


def test_table_without_row_headers_renders_plain_cells(client, page_with_body):
    table = {
        "caption": "Meetings",
        "columns": [{"type": "text", "heading": "City"}],
        "rows": [{"values": ["Essen"]}],
    }
    page = page_with_body([("table", {"table": table, "first_column_is_header": False})])
    html = render(client, page)
    assert '<td class="cell--text">Essen</td>' in html
    assert 'scope="row"' not in html


def test_accordion_renders_each_question_as_details_and_summary(client, page_with_body):
    value = {
        "heading": "Questions",
        "questions": [
            {"question": "Who can join?", "answer": "<p>Any PD centre.</p>"},
            {"question": "Does it cost?", "answer": "<p>No, membership is free.</p>"},
        ],
    }
    page = page_with_body([("accordion", value)])
    html = render(client, page)
    assert '<h2 class="accordion__heading">Questions</h2>' in html
    assert html.count('<details class="accordion__item"') == 2  # the header menu is one too
    assert "<summary>Who can join?</summary>" in html
    assert "No, membership is free." in html


def test_every_body_block_declares_icon_template_description_and_preview():
    for name, block in BodyStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert getattr(block.meta, "template", None), name
        assert block.meta.description, name
        assert block.is_previewable, name


def test_every_body_block_preview_renders_in_the_admin(client, page_with_body):
    cache_embed(PREVIEW_EMBED_URL, '<iframe src="https://www.youtube.com/embed/x"></iframe>')
    wagtail_factories.ImageFactory()
    wagtail_factories.DocumentFactory(file=ContentFile(b"%PDF", name="preview.pdf"))
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    for name, block in BodyStreamBlock().child_blocks.items():
        response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert "css/site.css" in response.content.decode(), name
