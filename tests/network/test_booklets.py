"""Publications: page content, table of contents, per-language PDFs and the download counter."""

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

import pytest

from network.models import BookletDownload, BookletPage
from tests.factories.network import BookletPageFactory

pytestmark = pytest.mark.django_db


def make_document(title: str) -> Document:
    document = Document(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def test_booklet_page_shows_a_table_of_contents_linking_to_chapter_anchors(client, booklet_index):
    booklet = BookletPageFactory(
        parent=booklet_index,
        chapters=[
            ("chapter", {"title": "Why networks?", "summary": "<p>Because.</p>"}),
            ("chapter", {"title": "What is next?", "summary": "<p>More.</p>"}),
        ],
    )
    body = client.get(booklet.url).content.decode()
    assert '<a href="#chapter-why-networks">Why networks?</a>' in body
    assert '<h2 id="chapter-why-networks">Why networks?</h2>' in body
    assert '<h2 id="chapter-what-is-next">What is next?</h2>' in body


def test_the_download_button_says_the_files_type_and_size(client, booklet_index):
    """A document saved in code (the demo's) has no stored size: it is read from the file."""
    document = make_document("sized")
    assert document.file_size is None
    booklet = BookletPageFactory(parent=booklet_index, document=document)
    page = client.get(booklet.url).content.decode()
    assert 'Download the PDF <span class="button__meta">(PDF, 13\xa0bytes)</span>' in page


def test_download_counts_per_language_and_redirects_to_the_pdf(client, booklet_index, locales):
    booklet = BookletPageFactory(parent=booklet_index, document=make_document("english-pdf"))
    german = booklet.copy_for_translation(locales["de"], copy_parents=True)
    german.document = make_document("german-pdf")
    german.save_revision().publish()
    for visitor in range(3):
        response = client.get(
            f"/en/publications/download/{booklet.pk}/", REMOTE_ADDR=f"198.51.100.{visitor}"
        )
        assert response.status_code == 302
        assert response["Location"] == booklet.document.url
    response = client.get(f"/de/publications/download/{german.pk}/")
    assert response["Location"] == german.document.url
    counts = {row.language_code: row.count for row in BookletDownload.objects.all()}
    assert counts == {"en": 3, "de": 1}


def test_counting_a_download_stores_nothing_about_the_visitor(client, booklet_index):
    booklet = BookletPageFactory(parent=booklet_index, document=make_document("pdf"))
    response = client.get(f"/en/publications/download/{booklet.pk}/", REMOTE_ADDR="203.0.113.9")
    assert not response.cookies
    row = BookletDownload.objects.get()
    stored = [str(getattr(row, field.attname)) for field in BookletDownload._meta.fields]
    assert not any("203.0.113.9" in value for value in stored)
    # The cache that remembers today's downloaders holds only salted hashes.
    cached = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())
    assert "network:downloads:seen" in cached and "203.0.113.9" not in cached


def test_repeated_downloads_from_one_client_count_once_a_day(client, booklet_index):
    """40 requests from one address, even with a forged X-Forwarded-For each time, are one."""
    booklet = BookletPageFactory(parent=booklet_index, document=make_document("pdf"))
    url = f"/en/publications/download/{booklet.pk}/"
    for attempt in range(40):
        response = client.get(
            url, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"45.33.32.{attempt}"
        )
        assert response.status_code == 302  # every request still gets the file
    client.get(url, REMOTE_ADDR="198.51.100.7")  # another visitor counts
    assert BookletDownload.objects.get().count == 2


@pytest.mark.parametrize("state", ["draft", "private", "no-pdf", "missing"])
def test_downloads_of_drafts_private_or_missing_booklets_are_404(client, booklet_index, state):
    booklet = BookletPageFactory(
        parent=booklet_index,
        document=None if state == "no-pdf" else make_document("x"),
        live=state != "draft",
    )
    if state == "private":
        PageViewRestriction.objects.create(page=booklet, restriction_type="login")
    page_id = booklet.pk + 1000 if state == "missing" else booklet.pk
    assert client.get(f"/en/publications/download/{page_id}/").status_code == 404
    assert not BookletDownload.objects.exists()


def test_editors_see_download_totals_per_language_in_the_report(admin_client, booklet_index):
    booklet = BookletPageFactory(
        parent=booklet_index, title="Counted booklet", document=make_document("c")
    )
    BookletDownload.objects.create(booklet=booklet, language_code="en", day="2026-01-01", count=4)
    BookletDownload.objects.create(booklet=booklet, language_code="en", day="2026-01-02", count=3)
    response = admin_client.get("/admin/reports/booklet-downloads/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Counted booklet" in body
    assert ">7<" in body.replace(" ", "").replace("\n", "")


def test_booklet_index_filters_by_type_and_ignores_unknown_types(client, booklet_index):
    BookletPageFactory(parent=booklet_index, title="A guideline", booklet_type="guidelines")
    BookletPageFactory(parent=booklet_index, title="A booklet", booklet_type="booklet")
    filtered = client.get(booklet_index.url, {"type": "guidelines"})
    assert [b.title for b in filtered.context["booklets_page"]] == ["A guideline"]
    hostile = client.get(booklet_index.url, {"type": "<script>", "page": "x" * 300})
    assert hostile.status_code == 200
    assert len(hostile.context["booklets_page"]) == 2


def test_booklet_index_query_count_does_not_grow_with_items(client, booklet_index):
    def count_queries() -> int:
        client.get(booklet_index.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(booklet_index.url)
        return len(queries)

    for _ in range(5):
        BookletPageFactory(parent=booklet_index)
    at_five = count_queries()
    for _ in range(45):
        BookletPageFactory(parent=booklet_index)
    assert count_queries() == at_five


def test_booklets_only_go_under_the_publications_index(home_page, booklet_index):
    assert BookletPage.can_create_at(booklet_index)
    assert not BookletPage.can_create_at(home_page)
