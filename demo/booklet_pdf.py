"""The demo's booklet PDFs, laid out like the network's printed publications (with fpdf2).

The series cover (`demo.covers`, the same picture the booklet page shows), a contents page, the
chapters and an imprint, set in the site's own faces (embedded, Latin Extended included, so a
translated booklet's Turkish ı or ş print as well as English).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.outline import OutlineSection

from demo import identity
from demo.canvas import PdfCanvas, add_identity_fonts, draw_emblem
from demo.covers import PDF_COVER_HEIGHT, Cover, draw_cover

NETWORK = "European STEM PD Centre Network"
FUNDING = "Co-funded by the European Union"
DISCLAIMER = (
    "Co-funded by the European Union. Views and opinions expressed are those of the authors only "
    "and do not necessarily reflect those of the European Union or the granting authority. "
    "Neither the European Union nor the granting authority can be held responsible for them."
)
INK = identity.rgb(identity.INK)
MUTED = identity.rgb(identity.MUTED)
SANS, SERIF = "sans", "serif"
MARGIN = 22  # millimetres
BODY_SIZE = 11  # Source Sans runs small: 11 pt reads like 10.5 pt of Helvetica
LINE = 5.8


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
        add_identity_fonts(self)
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
        self.set_font(SANS, size=8)
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
        self.set_font(SANS, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 4, str(self.page_no()), align=Align.R)
        self.set_text_color(*INK)


def cover_of(booklet: Booklet) -> Cover:
    """The English cover of `booklet`, as its PDF and its page show it."""
    edition = f"{booklet.edition}, {booklet.year}" if booklet.edition else str(booklet.year)
    return Cover(
        series=booklet.series,
        number=booklet.number,
        title=booklet.title,
        coordinator=f"Coordinator: {booklet.coordinator}",
        imprint=edition,
        funding=FUNDING,
        colour=booklet.colour,
        partners="With " + ", ".join(booklet.partners) if booklet.partners else "",
    )


def _cover(pdf: _Document) -> None:
    pdf.add_page()
    pdf.set_auto_page_break(auto=False)
    draw_cover(PdfCanvas(pdf), cover_of(pdf.booklet), PDF_COVER_HEIGHT)
    pdf.set_text_color(*INK)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 2)


def _contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_y(MARGIN + 10)
    pdf.set_font(SERIF, style="B", size=22)
    pdf.cell(0, 12, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    for section in outline:
        if section.level > 0:
            continue
        pdf.set_font(SANS, size=12)
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
        pdf.set_font(SANS, style="B", size=11)
        pdf.cell(0, 6, f"Chapter {number}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SERIF, style="B", size=19)
    pdf.multi_cell(0, 8.5, chapter.title, align=Align.L)
    pdf.set_text_color(*INK)
    pdf.ln(5)
    _blocks(pdf, chapter.blocks)


def _blocks(pdf: _Document, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if isinstance(block, Subheading):
            pdf.ln(2)
            pdf.set_font(SERIF, style="B", size=12.5)
            pdf.multi_cell(0, 6.5, block.text, align=Align.L)
            pdf.ln(1.5)
        elif isinstance(block, tuple):
            pdf.set_font(SANS, size=BODY_SIZE)
            for item in block:
                pdf.set_x(MARGIN + 2)
                pdf.cell(5, LINE, "\u2022")
                pdf.multi_cell(pdf.w - 2 * MARGIN - 7, LINE, item, align=Align.L)
                pdf.ln(1)
            pdf.ln(2)
        else:
            pdf.set_font(SANS, size=BODY_SIZE)
            pdf.multi_cell(0, LINE, block, align=Align.J)
            pdf.ln(3)


def _imprint(pdf: _Document) -> None:
    booklet = pdf.booklet
    pdf.add_page()
    pdf.start_section("Imprint")
    pdf.set_font(SERIF, style="B", size=16)
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
        pdf.set_font(SANS, style="B", size=BODY_SIZE)
        y = pdf.get_y()
        pdf.cell(34, LINE, label)
        pdf.set_xy(MARGIN + 34, y)
        pdf.set_font(SANS, size=BODY_SIZE)
        pdf.multi_cell(0, LINE, value, align=Align.L)
        pdf.ln(2)
    pdf.ln(6)
    draw_emblem(PdfCanvas(pdf), MARGIN, pdf.get_y(), 10)
    pdf.set_xy(MARGIN + 18, pdf.get_y() + 2)
    pdf.set_font(SANS, style="B", size=BODY_SIZE)
    pdf.cell(0, 6, FUNDING, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, size=8.5)
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
