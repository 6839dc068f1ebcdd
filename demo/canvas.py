"""One drawing surface for the demo's pictures, as a PNG (Pillow) or on a PDF page (fpdf2).

A booklet's cover is drawn by one layout function on either surface, so the cover on the
booklet's page and the first page of its PDF are the same picture. Lengths are in the surface's
units (millimetres for covers), font sizes are the em size in the same units, and text is
placed by its baseline.
"""

import logging
import math
from dataclasses import dataclass
from io import BytesIO
from typing import Protocol

from fpdf import FPDF
from PIL import Image, ImageDraw

from demo import identity

POINTS_PER_MM = 72 / 25.4
# The European emblem's published geometry: a blue rectangle 3:2 (height h) with twelve upright
# gold five-pointed stars whose centres lie on a circle of radius h/3 about the flag's centre,
# placed like the hours on a clock face, each star's points on a circle of radius h/18. Drawn
# 18 units high, so the star circle is 6 and a star's radius 1. The site's footer shows the
# same drawing from site/templates/components/eu_emblem.html (scripts/draw_emblem.py).
REFLEX_BLUE = "#003399"
YELLOW = "#FFCC00"
EMBLEM_HEIGHT = 18.0
EMBLEM_WIDTH = EMBLEM_HEIGHT * 3 / 2
STAR_CIRCLE_RADIUS = EMBLEM_HEIGHT / 3
STAR_RADIUS = EMBLEM_HEIGHT / 18
# A regular pentagram's inner vertices lie at this fraction of its outer radius.
INNER_RATIO = math.sin(math.radians(18)) / math.sin(math.radians(54))
# fontTools reports each table it subsets at INFO: dozens of lines for every booklet.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class Canvas(Protocol):
    """What the layouts draw with."""

    def rect(self, x: float, y: float, w: float, h: float, colour: str, radius: float = 0): ...
    def circle(self, cx: float, cy: float, r: float, colour: str) -> None: ...
    def line(self, points: list[tuple[float, float]], width: float, colour: str) -> None: ...
    def polygon(self, points: list[tuple[float, float]], colour: str) -> None: ...
    def text(self, x: float, y: float, text: str, family: str, size: float, weight: int,
             colour: str) -> None: ...  # fmt: skip
    def width(self, text: str, family: str, size: float, weight: int) -> float: ...


class ImageCanvas:
    """A Pillow image `width` × `height` units at `scale` pixels a unit, drawn at twice that
    and reduced, so edges and letters are smooth."""

    SUPERSAMPLE = 2

    def __init__(self, width: float, height: float, scale: float, background: str) -> None:
        self.scale = scale * self.SUPERSAMPLE
        self.size = (round(width * scale), round(height * scale))
        self.image = Image.new(
            "RGB", (self.size[0] * self.SUPERSAMPLE, self.size[1] * self.SUPERSAMPLE), background
        )
        self.draw = ImageDraw.Draw(self.image)

    def _p(self, value: float) -> float:
        return value * self.scale

    def rect(self, x, y, w, h, colour, radius=0) -> None:
        box = [self._p(x), self._p(y), self._p(x + w) - 1, self._p(y + h) - 1]
        self.draw.rounded_rectangle(box, radius=self._p(radius), fill=colour)

    def circle(self, cx, cy, r, colour) -> None:
        box = [self._p(cx - r), self._p(cy - r), self._p(cx + r), self._p(cy + r)]
        self.draw.ellipse(box, fill=colour)

    def line(self, points, width, colour) -> None:
        scaled = [(self._p(x), self._p(y)) for x, y in points]
        self.draw.line(scaled, fill=colour, width=max(1, round(self._p(width))), joint="curve")

    def polygon(self, points, colour) -> None:
        self.draw.polygon([(self._p(x), self._p(y)) for x, y in points], fill=colour)

    def _font(self, family, subset, size, weight):
        return identity.pil_font(family, subset, max(1, round(self._p(size))), weight)

    def text(self, x, y, text, family, size, weight, colour) -> None:
        left = self._p(x)
        for subset, run in identity.runs(text, family):
            font = self._font(family, subset, size, weight)
            self.draw.text((left, self._p(y)), run, font=font, fill=colour, anchor="ls")
            left += font.getlength(run)

    def width(self, text, family, size, weight) -> float:
        total = sum(
            self._font(family, subset, size, weight).getlength(run)
            for subset, run in identity.runs(text, family)
        )
        return total / self.scale

    def png(self) -> bytes:
        """The picture at its final size, as PNG bytes."""
        buffer = BytesIO()
        self.image.resize(self.size, Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


def add_identity_fonts(pdf: FPDF) -> None:
    """Make the site's faces available to `pdf` as "serif"/"sans" (regular and bold "B"), with
    their Latin Extended subsets as "serif-ext"/"sans-ext" and as fallbacks for running text."""
    for family in identity.FACES:
        for subset, suffix in ((0, ""), (1, "-ext")):
            for style, weight in (("", identity.REGULAR), ("B", identity.BOLD)):
                path = identity.static_instance(family, subset, weight)
                pdf.add_font(f"{family}{suffix}", style, fname=path)
    pdf.set_fallback_fonts(["sans-ext", "serif-ext"], exact_match=False)


class PdfCanvas:
    """The current page of an fpdf2 document, in millimetres (fonts from `add_identity_fonts`)."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf

    def rect(self, x, y, w, h, colour, radius=0) -> None:
        self.pdf.set_fill_color(*identity.rgb(colour))
        self.pdf.rect(x, y, w, h, style="F", round_corners=radius > 0, corner_radius=radius)

    def circle(self, cx, cy, r, colour) -> None:
        self.pdf.set_fill_color(*identity.rgb(colour))
        self.pdf.circle(cx, cy, r, style="F")

    def line(self, points, width, colour) -> None:
        self.pdf.set_draw_color(*identity.rgb(colour))
        self.pdf.set_line_width(width)
        self.pdf.polyline(points, style="D")

    def polygon(self, points, colour) -> None:
        self.pdf.set_fill_color(*identity.rgb(colour))
        self.pdf.polygon(points, style="F")

    def _set_font(self, family, subset, size, weight) -> None:
        style = "B" if weight >= identity.BOLD else ""
        self.pdf.set_font(f"{family}{'-ext' if subset else ''}", style, size * POINTS_PER_MM)

    def text(self, x, y, text, family, size, weight, colour) -> None:
        self.pdf.set_text_color(*identity.rgb(colour))
        for subset, run in identity.runs(text, family):
            self._set_font(family, subset, size, weight)
            self.pdf.text(x, y, run)
            x += self.pdf.get_string_width(run)

    def width(self, text, family, size, weight) -> float:
        total = 0.0
        for subset, run in identity.runs(text, family):
            self._set_font(family, subset, size, weight)
            total += self.pdf.get_string_width(run)
        return total


def wrap(canvas: Canvas, text: str, family: str, size: float, weight: int, width: float):
    """`text` broken into lines no wider than `width`, words whole."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and canvas.width(candidate, family, size, weight) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_mark(canvas: Canvas, x: float, y: float, size: float, *, tile: str | None) -> None:
    """The network's mark (the site icon) `size` wide at (x, y); `tile` is the rounded square
    behind it (None draws the linked centres alone, on whatever is below)."""
    unit = size / identity.MARK_SIZE
    if tile:
        canvas.rect(x, y, size, size, tile, radius=identity.MARK_RADIUS * unit)
    nodes = [(x + nx * unit, y + ny * unit, r * unit) for nx, ny, r in identity.MARK_NODES]
    outline = [(nx, ny) for nx, ny, _r in nodes]
    canvas.line([*outline, outline[0], outline[1]], identity.MARK_STROKE * unit, identity.PAPER)
    for index, (nx, ny, r) in enumerate(nodes):
        canvas.circle(nx, ny, r, identity.SUN if index == 2 else identity.PAPER)


@dataclass(frozen=True)
class Star:
    """One star of the emblem: its centre and the ten corners of its outline, outer point first."""

    centre: tuple[float, float]
    points: tuple[tuple[float, float], ...]


def stars() -> list[Star]:
    """The emblem's twelve stars, clockwise from twelve o'clock."""
    cx, cy = EMBLEM_WIDTH / 2, EMBLEM_HEIGHT / 2
    result = []
    for hour in range(12):
        angle = math.radians(hour * 30 - 90)
        x, y = cx + STAR_CIRCLE_RADIUS * math.cos(angle), cy + STAR_CIRCLE_RADIUS * math.sin(angle)
        corners = []
        for corner in range(10):
            # Upright: every star points straight up, whatever its place on the circle.
            radius = STAR_RADIUS if corner % 2 == 0 else STAR_RADIUS * INNER_RATIO
            theta = math.radians(corner * 36 - 90)
            corners.append((x + radius * math.cos(theta), y + radius * math.sin(theta)))
        result.append(Star(centre=(x, y), points=tuple(corners)))
    return result


def emblem_path() -> str:
    """The twelve stars as one SVG path, in the emblem's 18-unit-high coordinates."""
    return "".join(
        "M" + "L".join(f"{x:.4f},{y:.4f}" for x, y in star.points) + "Z" for star in stars()
    )


def draw_emblem(canvas: Canvas, x: float, y: float, height: float) -> None:
    """The EU emblem from its published geometry, `height` high at (x, y)."""
    unit = height / EMBLEM_HEIGHT
    canvas.rect(x, y, height * 1.5, height, REFLEX_BLUE)
    for star in stars():
        canvas.polygon([(x + px * unit, y + py * unit) for px, py in star.points], YELLOW)
