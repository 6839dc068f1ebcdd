"""The site's identity for the demo's drawn pictures: its colours, its two typefaces, its mark.

Partner marks and booklet covers are set in the type the site uses (Source Serif 4 for headings
and the wordmark, Source Sans 3 for text), read from the site's own web fonts, so a picture
matches the page around it. Pillow opens the WOFF2 files through FreeType; fpdf2 and the glyph
check read them through fontTools, which needs brotli for WOFF2 (the demo extra's
`fonttools[woff]`). Each face comes in two subsets, Latin and Latin Extended (Turkish ş ğ İ):
text is drawn run by run in the subset that has its letters, as the browser does.
"""

import hashlib
import tempfile
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from PIL import ImageFont

# The custom properties of site/static/css/site.css that the pictures use.
BRAND = "#0b4f8a"
BRAND_DARK = "#083a66"
INK = "#1b1f24"
MUTED = "#4a5562"
PAPER = "#ffffff"
TINT = "#eef3f8"
SUN = "#ffbf47"

# The mark (site/static/icons/icon.svg, 64 units square): three linked centres, one in gold.
MARK_SIZE = 64
MARK_RADIUS = 11.5
MARK_NODES = ((20, 22, 7), (45, 18, 6), (34, 45, 8))
MARK_STROKE = 4

FACES = {
    "serif": ("source-serif-4-latin-wght-normal", "source-serif-4-latin-ext-wght-normal"),
    "sans": ("source-sans-3-latin-wght-normal", "source-sans-3-latin-ext-wght-normal"),
}
REGULAR, BOLD = 400, 650  # the weights the site sets text and headings in


def rgb(colour: str) -> tuple[int, int, int]:
    """ "#rrggbb" as a tuple of three 0–255 values."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@cache
def font_path(family: str, subset: int) -> Path:
    """The WOFF2 file of `family` ("serif" or "sans") in `subset` (0 Latin, 1 Latin Extended)."""
    name = f"fonts/{FACES[family][subset]}.woff2"
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"The site's font {name} is missing from its static files.")
    return Path(found)


@cache
def _characters(family: str, subset: int) -> frozenset[int]:
    return frozenset(TTFont(font_path(family, subset)).getBestCmap())


def runs(text: str, family: str) -> list[tuple[int, str]]:
    """`text` cut into runs of (subset, text), each in the first subset that has its letters."""
    result: list[tuple[int, str]] = []
    for char in text:
        subset = 0 if ord(char) in _characters(family, 0) or char.isspace() else 1
        if subset == 1 and ord(char) not in _characters(family, 1):
            subset = 0  # neither has it: Latin's missing-glyph box, as a browser would show
        if result and result[-1][0] == subset:
            result[-1] = (subset, result[-1][1] + char)
        else:
            result.append((subset, char))
    return result


@cache
def pil_font(family: str, subset: int, size: int, weight: int) -> ImageFont.FreeTypeFont:
    """A Pillow font of the site's `family` at `size` pixels and `weight` (variable axis)."""
    font = ImageFont.truetype(str(font_path(family, subset)), size)
    font.set_variation_by_axes([weight])
    return font


@cache
def static_instance(family: str, subset: int, weight: int) -> Path:
    """A TrueType file of `family` at one `weight`, for PDFs.

    fpdf2 would otherwise cut the variable font to the weight in every document, which takes
    seconds a face; the instance is made once and kept in the temporary folder, named for the
    web font's content so a changed font makes a new one.
    """
    source = font_path(family, subset)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "stempd-demo-fonts"
    target = folder / f"{source.stem}-{weight}-{digest}.ttf"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight})
        font.flavor = None  # plain TrueType, not WOFF2
        partial = target.with_suffix(f".{digest}.part")
        font.save(partial)
        partial.replace(target)  # atomic: parallel test workers never read half a file
    return target
