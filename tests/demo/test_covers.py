"""Partner marks and booklet covers are drawn in the site's identity: its type and its colours,
and the EU emblem to its published geometry, the same flag as in the site's footer."""

import io
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from demo import identity
from demo.booklet_pdf import cover_of, render_booklet
from demo.booklet_texts import booklet_for
from demo.canvas import EMBLEM_HEIGHT, EMBLEM_WIDTH, emblem_path, stars
from demo.covers import Cover, cover_png, partner_mark_png
from demo.network_texts import BOOKLETS, PARTNERS

SITE = Path(__file__).parents[2] / "site"
SITE_CSS = SITE / "static" / "css" / "site.css"
FOOTER_EMBLEM = SITE / "templates" / "components" / "eu_emblem.html"


def test_emblem_has_twelve_upright_stars_on_a_circle_of_a_third_of_the_height():
    drawn = stars()
    assert len(drawn) == 12
    centre = (EMBLEM_WIDTH / 2, EMBLEM_HEIGHT / 2)
    for star in drawn:
        assert math.dist(star.centre, centre) == pytest.approx(EMBLEM_HEIGHT / 3)
        outer = star.points[0::2]
        for point in outer:
            assert math.dist(point, star.centre) == pytest.approx(EMBLEM_HEIGHT / 18)
        top = min(outer, key=lambda point: point[1])
        assert top == pytest.approx(star.points[0]), "the first point is the highest"
        assert top[0] == pytest.approx(star.centre[0]), "upright: the top point above the centre"
    assert EMBLEM_WIDTH / EMBLEM_HEIGHT == 1.5


def test_the_footer_emblem_is_the_one_the_geometry_draws():
    svg = re.search(r"<svg.*</svg>", FOOTER_EMBLEM.read_text(), re.S).group(0)
    path = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}path")  # noqa: S314 (our file)
    assert path.get("d") == emblem_path(), "run scripts/draw_emblem.py"


def test_the_pictures_use_the_colours_the_site_css_defines():
    css = SITE_CSS.read_text()
    for prop, value in {
        "brand": identity.BRAND,
        "brand-dark": identity.BRAND_DARK,
        "ink": identity.INK,
        "muted": identity.MUTED,
        "sun": identity.SUN,
    }.items():
        assert re.search(rf"--{prop}:\s*{value};", css), f"--{prop} is no longer {value}"


def test_text_is_set_in_the_subset_that_has_its_letters():
    assert identity.runs("Öğretmen", "serif") == [(0, "Ö"), (1, "ğ"), (0, "retmen")]
    assert identity.runs("Querschnittsthema 06", "sans") == [(0, "Querschnittsthema 06")]


def colours(png: bytes) -> set[tuple[int, int, int]]:
    return set(Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data())


@pytest.mark.parametrize("partner", PARTNERS, ids=[partner["slug"] for partner in PARTNERS])
def test_a_partner_mark_is_a_monogram_tile_in_its_colour_beside_its_name(partner):
    png = partner_mark_png(partner["short_name"], partner["city"], partner["colour"])
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (480, 240)
    assert image.getpixel((40, 120)) == identity.rgb(partner["colour"]), "the tile"
    assert image.getpixel((470, 10)) == identity.rgb(identity.PAPER)
    # Letters, not a flat block: the name's ink and the anti-aliased edges of type.
    assert len(colours(png)) > 200
    name_area = image.crop((220, 40, 470, 140))
    assert identity.rgb(identity.INK) in set(name_area.get_flattened_data()), "the name in ink"


def test_partner_marks_differ_by_name_and_colour():
    marks = {partner_mark_png(p["short_name"], p["city"], p["colour"]) for p in PARTNERS}
    assert len(marks) == len(PARTNERS)


def cci06_booklet():
    return booklet_for(BOOKLETS[0], "IMST, University of Klagenfurt", ["LUMA Centre Finland"], "")


def test_a_booklet_cover_is_the_series_design_in_the_booklets_colour():
    png = cover_png(cover_of(cci06_booklet()))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (600, 800)
    assert image.getpixel((10, 10)) == identity.rgb(BOOKLETS[0]["colour"]), "the band"
    assert image.getpixel((10, 790)) == identity.rgb(identity.PAPER)
    assert identity.rgb(identity.SUN) in colours(png), "the mark's gold centre"
    assert (0, 51, 153) in colours(png), "the EU emblem's blue"


def test_a_longer_title_makes_another_cover():
    cover = cover_of(cci06_booklet())
    other = Cover(**{**cover.__dict__, "title": cover.title + " in Practice"})
    assert cover_png(cover) != cover_png(other)


def test_the_pdf_opens_with_the_same_cover_set_in_the_sites_faces():
    reader = pypdf.PdfReader(io.BytesIO(render_booklet(cci06_booklet())), strict=True)
    cover = " ".join(reader.pages[0].extract_text().split())
    for text in ("CROSS-CUTTING ISSUE", "06", "European STEM PD Centre Network", "2019"):
        assert text in cover
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("SourceSerif4" in name for name in fonts), fonts
    assert any("SourceSans3" in name for name in fonts), fonts
    assert not any("Helvetica" in name for name in fonts)
