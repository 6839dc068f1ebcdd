#!/usr/bin/env python3
"""Draw the demo's abstract illustrations into a folder, to look at them or ship them elsewhere.

The demo (`manage.py load_demo_content`) draws the same pictures itself when it loads, through
`demo.illustrations`; this script only makes them visible without a database:

    .venv/bin/python scripts/draw_demo_images.py var/demo-images
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.illustrations import MOTIFS, draw


def main() -> None:
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


if __name__ == "__main__":
    main()
