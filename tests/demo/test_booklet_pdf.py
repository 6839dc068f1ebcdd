"""The demo's booklet PDFs read like the network's publications: cover, contents, chapters."""

import io

import pypdf
import pytest

from demo.booklet_pdf import render_booklet
from demo.booklet_texts import CHAPTERS, booklet_for
from demo.network_texts import BOOKLETS

CCI06 = BOOKLETS[0]


def read(data: dict) -> pypdf.PdfReader:
    booklet = booklet_for(
        data,
        "IMST, University of Klagenfurt",
        ["LUMA Centre Finland", "Fondation La main à la pâte"],
        "IMST (2019). A title. European STEM PD Centre Network.",
    )
    return pypdf.PdfReader(io.BytesIO(render_booklet(booklet)), strict=True)


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_cover_names_the_series_number_title_year_and_eu_co_funding():
    cover = page_texts(read(CCI06))[0]
    assert "cross-cutting issue" in cover.lower() and "06" in cover
    assert "Building Comprehensive Partnerships and Alliances for Sustained CPD" in cover
    assert "Coordinator: Doris Arztmann, IMST, University of Klagenfurt" in cover
    assert "Conference edition, 2019" in cover
    assert "Co-funded by the European Union" in cover
    assert "Fondation La main à la pâte" in cover


def test_contents_lists_each_chapter_with_the_page_it_starts_on():
    reader = read(CCI06)
    pages = page_texts(reader)
    assert pages[1].startswith("Contents")
    for title, _summary in CCI06["chapters"]:
        listed = pages[1].split(title, 1)[1].split()[0]
        assert title in pages[int(listed) - 1], f"{title} is not on page {listed}"
    assert "About the network" in pages[1] and "Imprint" in pages[1]


def test_chapters_carry_their_whole_text_with_dashes_quotes_and_accents():
    text = " ".join(page_texts(read(CCI06)))
    for blocks in CHAPTERS[CCI06["slug"]].values():
        for block in blocks:
            if isinstance(block, str):
                assert " ".join(block.split()[:8]) in text
    assert "2016 to August 2019" in text
    assert "partners' own experience" in text


@pytest.mark.parametrize("data", BOOKLETS, ids=[data["slug"] for data in BOOKLETS])
def test_every_demo_booklet_runs_to_several_pages_with_text_for_each_chapter(data):
    assert {title for title, _ in data["chapters"]} == set(CHAPTERS[data["slug"]])
    reader = read(data)
    assert len(reader.pages) >= 5
    assert data["title"].endswith(reader.metadata.title)


def test_the_same_booklet_gives_the_same_file():
    booklet = booklet_for(CCI06, "IMST", [], "")
    assert render_booklet(booklet) == render_booklet(booklet)
