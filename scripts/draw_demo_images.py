#!/usr/bin/env python3
"""Draw the demo's pictures into a folder, to look at them or ship them elsewhere.

The abstract illustrations, the partners' monogram marks and the booklets' covers. The demo
(`manage.py load_demo_content`) draws the same pictures itself when it loads, through
`demo.illustrations` and `demo.covers`; this script only makes them visible without a database:

    .venv/bin/python scripts/draw_demo_images.py var/demo-images
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django


def main() -> None:
    # Covers and marks read the site's fonts through its static files: settings first.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.dev")
    django.setup()
    from demo.booklet_pdf import cover_of
    from demo.booklet_texts import booklet_for
    from demo.covers import cover_png, partner_mark_png
    from demo.illustrations import MOTIFS, draw
    from demo.network_texts import BOOKLETS, PARTNERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("--seeds", type=int, default=2, help="pictures per motif (default 2)")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for motif in MOTIFS:
        for seed in range(args.seeds):
            path = args.folder / f"{motif}-{seed}.png"
            draw(motif, str(seed)).save(path, "PNG", optimize=True)
            print(path)
    names = {partner["slug"]: partner["title"] for partner in PARTNERS}
    for partner in PARTNERS:
        path = args.folder / f"mark-{partner['slug']}.png"
        path.write_bytes(
            partner_mark_png(partner["short_name"], partner["city"], partner["colour"])
        )
        print(path)
    for data in BOOKLETS:
        booklet = booklet_for(
            data, names[data["coordinator"]], [names[slug] for slug in data["partners"]], ""
        )
        path = args.folder / f"cover-{data['slug']}.png"
        path.write_bytes(cover_png(cover_of(booklet)))
        print(path)


if __name__ == "__main__":
    main()
