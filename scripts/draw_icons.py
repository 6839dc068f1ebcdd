"""Draw the site's favicon and app icons into site/static/icons/ (and site/static/favicon.ico).

The mark is the network itself: three linked nodes on the brand blue. Run after changing it:
    .venv/bin/python scripts/draw_icons.py
The SVG icon (site/static/icons/icon.svg) is written by hand and drawn here with the same
geometry, so browsers that take SVG icons and those that take bitmaps show the same mark.
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "site" / "static"
BRAND = (11, 79, 138, 255)
WHITE = (255, 255, 255, 255)
ACCENT = (255, 191, 71, 255)
# Node centres and radii on a 64-unit canvas (the SVG's viewBox).
NODES = [((20, 22), 7), ((45, 18), 6), ((34, 45), 8)]
LINKS = [(0, 1), (1, 2), (2, 0)]


def draw(size: int, *, rounded: bool = True, padding: float = 0.0) -> Image.Image:
    """The mark at `size` pixels; `padding` (a fraction) leaves a safe zone for maskable icons."""
    scale_up = 4  # draw large, then shrink: smooth edges without an anti-aliasing library
    big = size * scale_up
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    radius = big * 0.18 if rounded else 0
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=BRAND)
    inner = big * (1 - 2 * padding)
    offset = big * padding

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x / 64 * inner, offset + y / 64 * inner

    width = max(1, round(inner * 4 / 64))
    for a, b in LINKS:
        pen.line((*at(*NODES[a][0]), *at(*NODES[b][0])), fill=WHITE, width=width)
    for index, ((x, y), r) in enumerate(NODES):
        cx, cy = at(x, y)
        rr = r / 64 * inner
        pen.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=ACCENT if index == 2 else WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    icons = STATIC / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    draw(64).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180, rounded=False).convert("RGB").save(icons / "apple-touch-icon.png", optimize=True)
    draw(192).save(icons / "icon-192.png", optimize=True)
    draw(512).save(icons / "icon-512.png", optimize=True)
    draw(512, rounded=False, padding=0.12).save(icons / "icon-maskable-512.png", optimize=True)
    print(f"Icons written to {icons} and {STATIC / 'favicon.ico'}")


if __name__ == "__main__":
    main()
