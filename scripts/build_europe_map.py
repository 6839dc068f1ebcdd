"""Build network/static/network/europe-land.svg, the backdrop of the partner map.

Source data: Natural Earth land polygons (public domain) as packaged in the npm package
`world-atlas` (ISC licence). Fetch it with `npm pack world-atlas@2 && tar xzf world-atlas-2*.tgz`
and run: python scripts/build_europe_map.py package/land-50m.json

The projection (equirectangular, x scaled by cos(52°)) and the bounding box are written into the
SVG's data attributes; network/static/network/partner-map.js reads them to place the markers.
"""

import itertools
import json
import math
import sys
from pathlib import Path

WEST, EAST, SOUTH, NORTH = -12.0, 42.0, 34.0, 71.5
PAD = 2.0  # degrees outside the view where land is cut off
SCALE = 20.0  # SVG units per degree of latitude
X_FACTOR = math.cos(math.radians(52))
OUTPUT = Path(__file__).resolve().parents[1] / "network" / "static" / "network" / "europe-land.svg"


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE * X_FACTOR, (NORTH - lat) * SCALE


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous where a ring crosses the antimeridian (Eurasia via Chukotka)."""
    offset = 0.0
    result = [points[0]]
    for (previous_lon, _), (lon, lat) in itertools.pairwise(points):
        if lon - previous_lon > 180:
            offset -= 360
        elif previous_lon - lon > 180:
            offset += 360
        result.append((lon + offset, lat))
    # Shift the whole ring by the turn that puts most of it in view.
    best = max(
        (-360, 0, 360), key=lambda shift: sum(WEST <= lon + shift <= EAST for lon, _ in result)
    )
    return [(lon + best, lat) for lon, lat in result]


def clip(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a ring to a box just outside the view.

    The cut edges then lie outside the picture, and rings that wrap round the globe (Eurasia
    reaches the antimeridian) lose the parts that would smear across the map.
    """
    edges = [
        (lambda p: p[0] >= WEST - PAD, 0, WEST - PAD),
        (lambda p: p[0] <= EAST + PAD, 0, EAST + PAD),
        (lambda p: p[1] >= SOUTH - PAD, 1, SOUTH - PAD),
        (lambda p: p[1] <= NORTH + PAD, 1, NORTH + PAD),
    ]
    for inside, axis, limit in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for current in points:
            if inside(current) != inside(previous):
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                clipped.append(
                    (
                        previous[0] + t * (current[0] - previous[0]),
                        previous[1] + t * (current[1] - previous[1]),
                    )
                )
            if inside(current):
                clipped.append(current)
            previous = current
        points = clipped
    return points


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def in_view(points) -> bool:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return max(lons) >= WEST and min(lons) <= EAST and max(lats) >= SOUTH and min(lats) <= NORTH


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = ring_points(ring, arcs)
                if len(points) < 8 or not in_view(points):
                    continue
                points = clip(unwrap(points))
                if len(points) < 3:
                    continue
                coords = [project(lon, lat) for lon, lat in points]
                paths.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in coords) + "Z")
    width, height = (EAST - WEST) * SCALE * X_FACTOR, (NORTH - SOUTH) * SCALE
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'data-west="{WEST}" data-north="{NORTH}" data-scale="{SCALE}" '
        f'data-x-factor="{X_FACTOR:.6f}">'
        f'<path fill="#dfe7ef" stroke="#9aabbd" stroke-width="0.6" d="{"".join(paths)}"/></svg>\n'
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(svg)
    print(f"wrote {OUTPUT} ({len(svg) // 1024} KiB, {len(paths)} rings)")


if __name__ == "__main__":
    main(sys.argv[1])
