"""The demo's booklet PDFs, laid out like the network's printed publications (with fpdf2).

A cover in the booklet's colour, a contents page, the chapters and an imprint. The cover's
drawing is `_cover`. Helvetica with the Windows-1252 encoding covers the English booklets; a
translated booklet would need an embedded TTF font for letters such as Turkish ı or ş.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.outline import OutlineSection

NETWORK = "European STEM PD Centre Network"
FUNDING = "Co-funded by the European Union"
DISCLAIMER = (
    "Co-funded by the European Union. Views and opinions expressed are those of the authors only "
    "and do not necessarily reflect those of the European Union or the granting authority. "
    "Neither the European Union nor the granting authority can be held responsible for them."
)
EU_BLUE = (0, 51, 153)
EU_YELLOW = (255, 204, 0)
INK = (34, 34, 34)
MUTED = (90, 90, 90)
MARGIN = 22  # millimetres
BODY_SIZE = 10.5
LINE = 5.6


@dataclass(frozen=True)
class Subheading:
    """A heading inside a chapter."""

    text: str


# A chapter's content: paragraphs (str), bullet lists (tuple of str) and subheadings, in order.
Block = str | tuple[str, ...] | Subheading


@dataclass(frozen=True)
class Chapter:
    """One chapter: its title (as on the booklet's page) and its text."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Booklet:
    """What a booklet PDF shows; `colour` is the cover's, as "#rrggbb"."""

    series: str
    number: int
    title: str
    coordinator: str
    year: int
    colour: str
    chapters: tuple[Chapter, ...]
    appendix: tuple[Chapter, ...] = ()  # after the chapters, without a chapter number
    partners: tuple[str, ...] = ()
    edition: str = ""
    how_to_cite: str = ""


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


class _Document(FPDF):
    """A4 pages with a running title and page numbers below the cover and contents."""

    def __init__(self, booklet: Booklet) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.booklet = booklet
        self.core_fonts_encoding = "windows-1252"  # dashes and curly quotes in Helvetica
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 2)
        self.set_title(booklet.title)
        self.set_author(booklet.coordinator)
        self.set_subject(f"{booklet.series} {booklet.number:02d}")
        self.set_creator(NETWORK)
        self.set_lang("en")
        # A fixed date keeps the file the same on every load (and its size on the booklet page).
        self.set_creation_date(datetime(booklet.year, 1, 1, tzinfo=UTC))

    def header(self) -> None:
        if self.page_no() <= 2:
            return
        self.set_font("Helvetica", size=8)
        self.set_text_color(*MUTED)
        self.set_xy(MARGIN, 12)
        label = f"{self.booklet.series} {self.booklet.number:02d}  |  {NETWORK}"
        self.cell(0, 4, label, align=Align.L)
        self.set_draw_color(*_rgb(self.booklet.colour))
        self.set_line_width(0.4)
        self.line(MARGIN, 17.5, self.w - MARGIN, 17.5)
        self.set_text_color(*INK)
        self.set_xy(MARGIN, self.t_margin)

    def footer(self) -> None:
        if self.page_no() <= 2:
            return
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 4, str(self.page_no()), align=Align.R)
        self.set_text_color(*INK)


def _emblem(pdf: FPDF, x: float, y: float, height: float) -> None:
    """The EU flag: twelve yellow stars in a circle on blue, 3:2."""
    width = height * 1.5
    pdf.set_fill_color(*EU_BLUE)
    pdf.rect(x, y, width, height, style="F")
    pdf.set_fill_color(*EU_YELLOW)
    cx, cy, radius = x + width / 2, y + height / 2, height / 3
    for index in range(12):
        angle = math.radians(index * 30)
        star_x, star_y = cx + radius * math.sin(angle), cy - radius * math.cos(angle)
        pdf.star(star_x, star_y, height / 36 * 0.95, height / 18, 5, rotate_degrees=-90, style="F")


def _cover(pdf: _Document) -> None:
    booklet = pdf.booklet
    colour = _rgb(booklet.colour)
    pdf.add_page()
    pdf.set_auto_page_break(auto=False)
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, pdf.w, 200, style="F")
    # The network: a few centres joined by lines, in white.
    nodes = ((150, 46, 5), (178, 30, 3), (184, 74, 4), (160, 88, 2.5), (128, 70, 3))
    pdf.set_draw_color(255, 255, 255)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.35)
    for (x1, y1, _r1), (x2, y2, _r2) in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        pdf.line(x1, y1, x2, y2)
    pdf.line(nodes[0][0], nodes[0][1], nodes[2][0], nodes[2][1])
    for x, y, radius in nodes:
        pdf.circle(x, y, radius, style="F")
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, 104, MARGIN + 30, 104)

    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, 34)
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.cell(0, 7, booklet.series, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", style="B", size=64)
    pdf.cell(0, 26, f"{booklet.number:02d}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(112)
    pdf.set_font("Helvetica", style="B", size=24)
    pdf.multi_cell(pdf.w - 2 * MARGIN - 10, 10.5, booklet.title, align=Align.L)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(pdf.w - 2 * MARGIN, 6, f"Coordinator: {booklet.coordinator}", align=Align.L)

    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN, 212)
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.cell(0, 7, NETWORK, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=11)
    line = f"{booklet.edition}, {booklet.year}" if booklet.edition else str(booklet.year)
    pdf.cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if booklet.partners:
        pdf.ln(3)
        pdf.set_font("Helvetica", size=9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(pdf.w - 2 * MARGIN, 4.6, "With " + ", ".join(booklet.partners), align="L")
        pdf.set_text_color(*INK)

    emblem_y = pdf.h - MARGIN - 12
    _emblem(pdf, MARGIN, emblem_y, 12)
    pdf.set_xy(MARGIN + 21, emblem_y + 3)
    pdf.set_font("Helvetica", style="B", size=10)
    pdf.cell(0, 6, FUNDING)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 2)


def _contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_y(MARGIN + 10)
    pdf.set_font("Helvetica", style="B", size=22)
    pdf.cell(0, 12, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    for section in outline:
        if section.level > 0:
            continue
        pdf.set_font("Helvetica", size=12)
        page = str(section.page_number)
        link = pdf.add_link(page=section.page_number)
        title_width = pdf.w - 2 * MARGIN - 14
        y = pdf.get_y()
        pdf.multi_cell(title_width, 6.5, section.name, align=Align.L, link=link)
        end_y = pdf.get_y()
        pdf.set_xy(pdf.w - MARGIN - 14, y)
        pdf.cell(14, 6.5, page, align=Align.R, link=link)
        pdf.set_y(end_y + 3)


def _chapter(pdf: _Document, number: int | None, chapter: Chapter) -> None:
    if number != 1:  # the contents placeholder leaves the first chapter a fresh page
        pdf.add_page()
    pdf.start_section(chapter.title)
    pdf.set_text_color(*_rgb(pdf.booklet.colour))
    if number is not None:
        pdf.set_font("Helvetica", style="B", size=11)
        pdf.cell(0, 6, f"Chapter {number}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", style="B", size=19)
    pdf.multi_cell(0, 8.5, chapter.title, align=Align.L)
    pdf.set_text_color(*INK)
    pdf.ln(5)
    _blocks(pdf, chapter.blocks)


def _blocks(pdf: _Document, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if isinstance(block, Subheading):
            pdf.ln(2)
            pdf.set_font("Helvetica", style="B", size=12.5)
            pdf.multi_cell(0, 6.5, block.text, align=Align.L)
            pdf.ln(1.5)
        elif isinstance(block, tuple):
            pdf.set_font("Helvetica", size=BODY_SIZE)
            for item in block:
                pdf.set_x(MARGIN + 2)
                pdf.cell(5, LINE, "\u2022")
                pdf.multi_cell(pdf.w - 2 * MARGIN - 7, LINE, item, align=Align.L)
                pdf.ln(1)
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", size=BODY_SIZE)
            pdf.multi_cell(0, LINE, block, align=Align.J)
            pdf.ln(3)


def _imprint(pdf: _Document) -> None:
    booklet = pdf.booklet
    pdf.add_page()
    pdf.start_section("Imprint")
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.cell(0, 9, "Imprint", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    rows = [
        ("Series", f"{booklet.series} {booklet.number:02d}"),
        ("Title", booklet.title),
        ("Coordinator", booklet.coordinator),
        ("Published by", f"{NETWORK}, {booklet.year}"),
    ]
    if booklet.partners:
        rows.append(("Partners", ", ".join(booklet.partners)))
    if booklet.how_to_cite:
        rows.append(("How to cite", booklet.how_to_cite))
    for label, value in rows:
        pdf.set_font("Helvetica", style="B", size=BODY_SIZE)
        y = pdf.get_y()
        pdf.cell(34, LINE, label)
        pdf.set_xy(MARGIN + 34, y)
        pdf.set_font("Helvetica", size=BODY_SIZE)
        pdf.multi_cell(0, LINE, value, align=Align.L)
        pdf.ln(2)
    pdf.ln(6)
    _emblem(pdf, MARGIN, pdf.get_y(), 10)
    pdf.set_xy(MARGIN + 18, pdf.get_y() + 2)
    pdf.set_font("Helvetica", style="B", size=BODY_SIZE)
    pdf.cell(0, 6, FUNDING, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font("Helvetica", size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.4, DISCLAIMER, align=Align.L)
    pdf.set_text_color(*INK)


def render_booklet(booklet: Booklet) -> bytes:
    """The booklet as a complete PDF document."""
    pdf = _Document(booklet)
    _cover(pdf)
    pdf.add_page()
    pdf.insert_toc_placeholder(_contents, pages=1, reset_page_indices=False)
    for number, chapter in enumerate(booklet.chapters, start=1):
        _chapter(pdf, number, chapter)
    for chapter in booklet.appendix:
        _chapter(pdf, None, chapter)
    _imprint(pdf)
    return bytes(pdf.output())
