"""Draw site/static/img/network-map.svg, the home page's hero picture when editors choose none.

Europe's land (network/static/network/europe-land.svg, see build_europe_map.py) in a lighter blue
on the hero's brand blue, with the kind of places the network's centres work from linked to their
neighbours: an illustration of "about 30 centres in 12 countries", not a map of the members.
Run after changing it: .venv/bin/python scripts/draw_hero_illustration.py
"""

import itertools
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAND = ROOT / "network" / "static" / "network" / "europe-land.svg"
OUTPUT = ROOT / "site" / "static" / "img" / "network-map.svg"
WEST, NORTH, SCALE, X_FACTOR = -12.0, 71.5, 20.0, math.cos(math.radians(52))
VIEW = (10, 105, 600, 600)  # x, y, width, height in the land file's units
# (longitude, latitude) of university towns of the kind that host STEM PD centres.
PLACES = [
    (7.85, 48.0),
    (13.5, 52.5),
    (7.0, 51.45),
    (11.6, 48.15),
    (9.2, 48.8),
    (14.3, 46.6),
    (16.4, 48.2),
    (24.95, 60.2),
    (25.5, 65.0),
    (22.3, 60.45),
    (32.85, 39.9),
    (29.0, 41.0),
    (27.15, 38.4),
    (2.35, 48.85),
    (4.85, 45.75),
    (-1.55, 47.2),
    (-3.7, 40.4),
    (2.15, 41.4),
    (-9.15, 38.7),
    (12.5, 41.9),
    (11.25, 43.8),
    (9.2, 45.45),
    (4.9, 52.35),
    (5.1, 52.1),
    (4.35, 50.85),
    (-6.25, 53.35),
    (12.55, 55.7),
    (18.05, 59.35),
    (14.4, 50.1),
    (21.0, 52.2),
    (19.05, 47.5),
    (23.7, 37.95),
]


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE * X_FACTOR, (NORTH - lat) * SCALE


def simplify(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas–Peucker: drop points closer than `tolerance` to the line their neighbours draw."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    distances = [abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length for x, y in points]
    farthest = max(range(1, len(points) - 1), key=distances.__getitem__)
    if distances[farthest] <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: farthest + 1], tolerance)[:-1] + simplify(points[farthest:], tolerance)


def land_in_view(land: str) -> str:
    """The land rings that reach into the picture, simplified to what 600 px can show, written
    with relative moves: the hero is the home page's largest paint, so its bytes count."""
    x0, y0, width, height = VIEW
    rings = []
    for ring in re.findall(r"M([^Z]+)Z", land):
        points = [tuple(int(v) for v in pair.split(",")) for pair in ring.split("L")]
        xs, ys = [x for x, _y in points], [y for _x, y in points]
        if max(xs) < x0 or min(xs) > x0 + width or max(ys) < y0 or min(ys) > y0 + height:
            continue
        points = [points[0]] + [b for a, b in itertools.pairwise(points) if b != a]
        # A closed ring has no line from its first to its last point: simplify its two halves,
        # split at the point farthest from the start.
        start = points[0]
        far = max(range(len(points)), key=lambda i: math.dist(start, points[i]))
        points = simplify(points[: far + 1], 0.6)[:-1] + simplify([*points[far:], start], 0.6)
        if len(points) < 3:
            continue
        steps = [f"{x - px},{y - py}" for (px, py), (x, y) in itertools.pairwise(points)]
        rings.append(f"M{points[0][0]},{points[0][1]}l{' '.join(steps)}z")
    return "".join(rings)


def main() -> None:
    land = land_in_view(re.search(r' d="([^"]+)"', LAND.read_text()).group(1))
    nodes = [project(lon, lat) for lon, lat in PLACES]
    links = set()
    for index, (x, y) in enumerate(nodes):
        nearest = sorted(range(len(nodes)), key=lambda other: math.dist((x, y), nodes[other]))[1:3]
        links.update(tuple(sorted((index, other))) for other in nearest)
    # The secretariat (Freiburg) reaches out to the far ends, as the network's meetings do.
    links.update((0, other) for other in (7, 10, 18, 25))
    paths = []
    for a, b in sorted(links):
        (x1, y1), (x2, y2) = nodes[a], nodes[b]
        # Gentle arcs: the control point is lifted perpendicular to the link.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        cx, cy = mx - dy * 0.15, my + dx * 0.15
        paths.append(f"M{x1:.0f},{y1:.0f}Q{cx:.0f},{cy:.0f} {x2:.0f},{y2:.0f}")
    dots = []
    for index, (x, y) in enumerate(nodes):
        if index == 0:
            dots.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="13" fill="#ffbf47"/>')
        else:
            radius = 6 + (index * 7) % 4
            fill = "#ffbf47" if index % 5 == 0 else "#ffffff"
            dots.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{radius}" fill="{fill}"/>')
    x, y, width, height = VIEW
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {width} {height}" '
        f'width="{width}" height="{height}">'
        # The land fades out towards the picture's edges instead of being cut off by them.
        f'<defs><radialGradient id="fade" cx="50%" cy="50%" r="50%">'
        f'<stop offset="0.72" stop-color="#fff"/>'
        f'<stop offset="1" stop-color="#fff" stop-opacity="0"/>'
        f'</radialGradient><mask id="edge"><rect x="{x}" y="{y}" width="{width}" height="{height}" '
        f'fill="url(#fade)"/></mask></defs>'
        f'<path mask="url(#edge)" fill="#2a6fae" stroke="#5d95c8" stroke-width="1" d="{land}"/>'
        f'<path fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="2.2" '
        f'stroke-linecap="round" d="{"".join(paths)}"/>'
        f"{''.join(dots)}</svg>\n"
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(svg)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(svg)} bytes, {len(links)} links)")


if __name__ == "__main__":
    main()
