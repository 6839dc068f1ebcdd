"""The European emblem drawn from its published geometry, for the funding acknowledgement.

The EU's graphic rules define the flag as a blue rectangle 3:2 (height h) with twelve upright gold
five-pointed stars whose centres lie on a circle of radius h/3 about the flag's centre, placed
like the hours on a clock face, each star's points on a circle of radius h/18. Drawing it here
keeps it exact at any size and costs no image request.
"""

import math
from dataclasses import dataclass
from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString

REFLEX_BLUE = "#003399"
YELLOW = "#FFCC00"
# The flag is drawn 18 units high, so the star circle (h/3) is 6 and a star's radius (h/18) is 1.
HEIGHT = 18.0
WIDTH = HEIGHT * 3 / 2
CIRCLE_RADIUS = HEIGHT / 3
STAR_RADIUS = HEIGHT / 18
# A regular pentagram's inner vertices lie at this fraction of its outer radius.
INNER_RATIO = math.sin(math.radians(18)) / math.sin(math.radians(54))


@dataclass(frozen=True)
class Star:
    """One star: its centre and the ten corners of its outline, outer point first (upright)."""

    centre: tuple[float, float]
    points: tuple[tuple[float, float], ...]


def stars() -> list[Star]:
    """The twelve stars, clockwise from twelve o'clock."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    result = []
    for hour in range(12):
        angle = math.radians(hour * 30 - 90)
        x, y = cx + CIRCLE_RADIUS * math.cos(angle), cy + CIRCLE_RADIUS * math.sin(angle)
        corners = []
        for corner in range(10):
            # Upright: every star points straight up, whatever its place on the circle.
            radius = STAR_RADIUS if corner % 2 == 0 else STAR_RADIUS * INNER_RATIO
            theta = math.radians(corner * 36 - 90)
            corners.append((x + radius * math.cos(theta), y + radius * math.sin(theta)))
        result.append(Star(centre=(x, y), points=tuple(corners)))
    return result


def _path(star: Star) -> str:
    return "M" + "L".join(f"{x:.4f},{y:.4f}" for x, y in star.points) + "Z"


@cache
def _stars_path() -> str:
    return "".join(_path(star) for star in stars())


def emblem_svg(label: str, css_class: str = "eu-emblem") -> SafeString:
    """The flag as inline SVG, named `label` for assistive technology."""
    paths = _stars_path()
    return format_html(
        '<svg class="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="81" '
        'height="54" role="img" aria-label="{}" focusable="false"><title>{}</title>'
        '<rect width="{}" height="{}" fill="{}"/><path fill="{}" d="{}"/></svg>',
        css_class,
        f"{WIDTH:g}",
        f"{HEIGHT:g}",
        label,
        label,
        f"{WIDTH:g}",
        f"{HEIGHT:g}",
        REFLEX_BLUE,
        YELLOW,
        paths,
    )
