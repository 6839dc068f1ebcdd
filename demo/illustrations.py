"""Abstract STEM illustrations drawn with Pillow for the demo's news, events and partners.

Generated from code, so the project ships no picture it has no rights to. A seed varies the
composition of each motif, so the same seed always gives the same picture.
`scripts/draw_demo_images.py` writes them to a folder to look at.
"""

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw

# The site's palette (site/static/css/site.css) with a few companions of similar depth.
PALETTE = ["#0b4f8a", "#083a66", "#a33b00", "#006b5f", "#7a2e8a", "#1d5e3a", "#b35900", "#a31919"]
LIGHTS = ["#eef3f8", "#f6efe6", "#e8f3f1", "#f3ecf5"]
MOTIFS = ("waves", "network", "grid", "triangles", "circles", "hexagons", "bars")


def _rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), alpha)


def _waves(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    for band in range(6):
        colour = _rgba(rng.choice(PALETTE), 150)
        amplitude = height * rng.uniform(0.04, 0.12)
        period = width / rng.uniform(0.8, 2.5)
        base = height * (0.2 + band * 0.13)
        phase = rng.uniform(0, math.tau)
        points = [
            (x, base + amplitude * math.sin(x / period * math.tau + phase))
            for x in range(0, width + 8, 8)
        ]
        draw.polygon([*points, (width, height), (0, height)], fill=colour)


def _network(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    nodes = [(rng.uniform(0.05, 0.95) * width, rng.uniform(0.1, 0.9) * height) for _ in range(18)]
    line = _rgba(rng.choice(PALETTE[:2]), 170)
    for index, (x, y) in enumerate(nodes):
        nearest = sorted(nodes, key=lambda n: (n[0] - x) ** 2 + (n[1] - y) ** 2)[1:4]
        for other in nearest:
            draw.line([(x, y), other], fill=line, width=max(2, width // 300))
        radius = rng.uniform(0.012, 0.035) * width
        colour = _rgba(PALETTE[index % len(PALETTE)], 255)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def _grid(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    cell = width // 10
    for row in range(height // cell + 1):
        for column in range(10):
            if rng.random() < 0.35:
                continue
            x, y = column * cell, row * cell
            colour = _rgba(rng.choice(PALETTE), rng.choice((90, 160, 230)))
            inset = cell * 0.12
            box = [x + inset, y + inset, x + cell - inset, y + cell - inset]
            if rng.random() < 0.4:
                draw.ellipse(box, fill=colour)
            else:
                draw.rectangle(box, fill=colour)


def _triangles(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    side = width / 8
    rows = int(height / (side * 0.87)) + 1
    for row in range(rows):
        for column in range(-1, 9):
            x = column * side + (side / 2 if row % 2 else 0)
            y = row * side * 0.87
            colour = _rgba(rng.choice(PALETTE), rng.choice((70, 140, 220)))
            draw.polygon(
                [(x, y + side * 0.87), (x + side / 2, y), (x + side, y + side * 0.87)], fill=colour
            )


def _circles(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    cx, cy = width * rng.uniform(0.35, 0.65), height * rng.uniform(0.35, 0.65)
    for ring in range(7, 0, -1):
        radius = ring * min(width, height) * 0.07
        colour = _rgba(PALETTE[ring % len(PALETTE)], 120 + ring * 15)
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)
    for _ in range(13):
        angle = rng.uniform(0, math.tau)
        distance = min(width, height) * rng.uniform(0.55, 0.8)
        x, y = cx + math.cos(angle) * distance, cy + math.sin(angle) * distance * 0.6
        radius = rng.uniform(0.02, 0.06) * width
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=_rgba(rng.choice(PALETTE), 200),
        )


def _hexagons(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    radius = width / 14
    step_x, step_y = radius * math.sqrt(3), radius * 1.5
    for row in range(int(height / step_y) + 2):
        for column in range(int(width / step_x) + 2):
            if rng.random() < 0.3:
                continue
            x = column * step_x + (step_x / 2 if row % 2 else 0)
            y = row * step_y
            corners = [
                (
                    x + radius * 0.92 * math.cos(math.pi / 6 + k * math.pi / 3),
                    y + radius * 0.92 * math.sin(math.pi / 6 + k * math.pi / 3),
                )
                for k in range(6)
            ]
            draw.polygon(corners, fill=_rgba(rng.choice(PALETTE), rng.choice((110, 180, 240))))


def _bars(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    width, height = size
    count = 12
    bar = width / (count * 1.5)
    level = rng.uniform(0.15, 0.3)
    for index in range(count):
        level = min(0.9, max(0.1, level + rng.uniform(-0.05, 0.12)))
        x = bar * 0.5 + index * bar * 1.5
        colour = _rgba(PALETTE[(index // 3) % len(PALETTE)], 220)
        draw.rectangle([x, height * (1 - level), x + bar, height], fill=colour)


DRAWERS = {
    "waves": _waves,
    "network": _network,
    "grid": _grid,
    "triangles": _triangles,
    "circles": _circles,
    "hexagons": _hexagons,
    "bars": _bars,
}


def draw(motif: str, seed: str, size: tuple[int, int] = (1200, 630)) -> Image.Image:
    """The illustration for `motif` and `seed` (the same pair always gives the same picture)."""
    if motif not in DRAWERS:
        raise ValueError(f"Unknown motif {motif!r}; choose one of {', '.join(MOTIFS)}.")
    rng = random.Random(f"{motif}:{seed}")  # noqa: S311 - a repeatable picture, not a secret
    canvas = Image.new("RGBA", size, _rgba(rng.choice(LIGHTS), 255))
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    DRAWERS[motif](ImageDraw.Draw(overlay), size, rng)
    return Image.alpha_composite(canvas, overlay).convert("RGB")


def png_bytes(motif: str, seed: str, size: tuple[int, int] = (1200, 630)) -> bytes:
    """The illustration as PNG bytes, ready for a Wagtail image."""
    buffer = BytesIO()
    draw(motif, seed, size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
