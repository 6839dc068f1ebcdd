"""Booklet covers in the network's publication design, and partner marks, drawn in the identity.

A cover shows the series and number large, the title in the heading type, the coordinator, the
network with its mark, the year and the EU emblem with the funding line: what the printed
booklets of a series share. `draw_cover` lays it out on any `demo.canvas` surface; the booklet
page's image (3:4) and the PDF's first page (A4) are the same layout, the PDF's taller.

A partner without a logo of its own gets a monogram mark: its initial set in the serif on a tile
of its colour, shaped like the network's own mark, beside its short name and city.
"""

from dataclasses import dataclass

from demo import identity
from demo.canvas import Canvas, ImageCanvas, draw_emblem, draw_mark, wrap

COVER_WIDTH = 210.0  # millimetres, as A4
WEB_COVER_HEIGHT = 280.0  # the booklet page shows covers at 3:4
PDF_COVER_HEIGHT = 297.0
BAND = 182.0  # the coloured upper part
MARGIN = 22.0
WEB_COVER_PIXELS = (600, 800)


@dataclass(frozen=True)
class Cover:
    """What a cover shows, already in the reader's language; `colour` is the band's."""

    series: str
    number: int
    title: str
    coordinator: str  # "Coordinator: Doris Arztmann, IMST, …"
    imprint: str  # "Conference edition, 2019" or "2019"
    funding: str  # "Co-funded by the European Union"
    colour: str
    partners: str = ""  # "With LUMA Centre Finland, …"
    network: str = "European STEM PD Centre Network"


def _title_lines(canvas: Canvas, title: str) -> tuple[list[str], float]:
    """The title's lines and size: as large as fits in five lines of the band."""
    width = COVER_WIDTH - 2 * MARGIN - 8
    for size in (10.0, 9.0, 8.0, 7.2, 6.5):
        lines = wrap(canvas, title, "serif", size, identity.BOLD, width)
        if len(lines) <= 5:
            return lines, size
    return lines[:6], size


def draw_cover(canvas: Canvas, cover: Cover, height: float) -> None:
    """Lay `cover` out on `canvas`, `COVER_WIDTH` × `height` millimetres."""
    white, ink, muted = identity.PAPER, identity.INK, identity.MUTED
    canvas.rect(0, 0, COVER_WIDTH, BAND, cover.colour)
    draw_mark(canvas, 128, 14, 64, tile=None)

    canvas.text(MARGIN, 30, cover.series.upper(), "sans", 5.2, identity.BOLD, white)
    canvas.text(MARGIN - 1.5, 66, f"{cover.number:02d}", "serif", 36, identity.BOLD, white)
    canvas.line([(MARGIN, 82), (MARGIN + 30, 82)], 1.4, identity.SUN)

    lines, size = _title_lines(canvas, cover.title)
    leading = size * 1.16
    y = 82 + 8 + size
    for line in lines:
        canvas.text(MARGIN, y, line, "serif", size, identity.BOLD, white)
        y += leading
    y += 3
    for line in wrap(canvas, cover.coordinator, "sans", 4.6, identity.REGULAR, 166)[:2]:
        canvas.text(MARGIN, y, line, "sans", 4.6, identity.REGULAR, white)
        y += 6

    top = BAND + 14
    draw_mark(canvas, MARGIN, top, 13, tile=identity.BRAND)
    canvas.text(MARGIN + 18, top + 6, cover.network, "serif", 5.4, identity.BOLD, ink)
    canvas.text(MARGIN + 18, top + 12.5, cover.imprint, "sans", 4.6, identity.REGULAR, muted)
    y = top + 24
    for line in wrap(canvas, cover.partners, "sans", 3.6, identity.REGULAR, 166)[:3]:
        canvas.text(MARGIN, y, line, "sans", 3.6, identity.REGULAR, muted)
        y += 5

    emblem_top = height - MARGIN - 12
    draw_emblem(canvas, MARGIN, emblem_top, 12)
    canvas.text(MARGIN + 23, emblem_top + 7.6, cover.funding, "sans", 4.4, identity.BOLD, ink)


def cover_png(cover: Cover) -> bytes:
    """The cover as the booklet page shows it, 600 × 800 pixels."""
    canvas = ImageCanvas(
        COVER_WIDTH,
        WEB_COVER_HEIGHT,
        WEB_COVER_PIXELS[0] / COVER_WIDTH,
        identity.PAPER,
    )
    draw_cover(canvas, cover, WEB_COVER_HEIGHT)
    return canvas.png()


MARK_PIXELS = (480, 240)


def partner_mark_png(short_name: str, city: str, colour: str) -> bytes:
    """A partner's monogram mark, 480 × 240 pixels: its initial on a tile of its `colour`
    beside its `short_name` in the heading type and its `city` in small capitals."""
    canvas = ImageCanvas(MARK_PIXELS[0], MARK_PIXELS[1], 1, identity.PAPER)
    tile = 168
    top = (MARK_PIXELS[1] - tile) / 2
    left = 20
    canvas.rect(left, top, tile, tile, colour, radius=tile * identity.MARK_RADIUS / 64)
    initial = short_name[:1].upper()
    size = 132
    width = canvas.width(initial, "serif", size, identity.BOLD)
    canvas.text(
        left + (tile - width) / 2, top + tile * 0.74, initial, "serif", size, identity.BOLD, "#fff"
    )
    canvas.circle(left + tile - 26, top + 26, 11, identity.SUN)

    text_left = left + tile + 22
    room = MARK_PIXELS[0] - text_left - 16
    size = 76
    while size > 30 and canvas.width(short_name, "serif", size, identity.BOLD) > room:
        size -= 2
    canvas.text(text_left, 128, short_name, "serif", size, identity.BOLD, identity.INK)
    canvas.rect(text_left, 146, 44, 5, colour)
    label = city.upper()
    label_size = 25
    while label_size > 14 and canvas.width(label, "sans", label_size, identity.BOLD) > room:
        label_size -= 1
    canvas.text(text_left, 186, label, "sans", label_size, identity.BOLD, identity.MUTED)
    return canvas.png()
