"""Build network/static/network/europe-land.svg, the backdrop of the partner map.

Source data: Natural Earth land polygons (public domain) as packaged in the npm package
`world-atlas` (ISC licence). Fetch it with `npm pack world-atlas@2 && tar xzf world-atlas-2*.tgz`
and run: python scripts/build_europe_map.py package/land-50m.json

The projection (equirectangular, x scaled by cos(52°)) and the bounding box are written into the
SVG's data attributes; network/static/network/partner-map.js reads them to place the markers.
"""

import json
import math
import sys
from pathlib import Path

WEST, EAST, SOUTH, NORTH = -12.0, 42.0, 34.0, 71.5
SCALE = 20.0  # SVG units per degree of latitude
X_FACTOR = math.cos(math.radians(52))
OUTPUT = Path(__file__).resolve().parents[1] / "network" / "static" / "network" / "europe-land.svg"


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE * X_FACTOR, (NORTH - lat) * SCALE


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
                coords = [project(lon, lat) for lon, lat in points]
                paths.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in coords) + "Z")
    width, height = project(EAST, SOUTH)
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
