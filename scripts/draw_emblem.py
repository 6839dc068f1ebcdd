"""Draw site/templates/components/eu_emblem.html, the EU emblem beside the footer's funding line.

The emblem is drawn from its published geometry in demo/canvas.py, which the booklet covers use
too, so the footer and the covers show the same flag. The fragment is inline SVG (no image
request), named in the visitor's language. Run after changing the geometry:
    .venv/bin/python scripts/draw_emblem.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.canvas import EMBLEM_HEIGHT, EMBLEM_WIDTH, REFLEX_BLUE, YELLOW, emblem_path  # noqa: E402

OUTPUT = ROOT / "site" / "templates" / "components" / "eu_emblem.html"
TEMPLATE = """\
{{% load i18n %}}{{% comment %}}The EU emblem for the funding line, to its published geometry.
Written by scripts/draw_emblem.py: change the script, not this file.{{% endcomment %}}\
{{% translate "Flag of the European Union" as label %}}\
<svg class="eu-emblem" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" \
width="81" height="54" role="img" aria-label="{{{{ label }}}}" focusable="false">\
<title>{{{{ label }}}}</title>\
<rect width="{width:g}" height="{height:g}" fill="{blue}"/><path fill="{yellow}" d="{path}"/></svg>
"""


def main() -> None:
    OUTPUT.write_text(
        TEMPLATE.format(
            width=EMBLEM_WIDTH,
            height=EMBLEM_HEIGHT,
            blue=REFLEX_BLUE,
            yellow=YELLOW,
            path=emblem_path(),
        ),
        encoding="utf-8",
    )
    print(f"Emblem written to {OUTPUT}")


if __name__ == "__main__":
    main()
