"""The demo's translated texts: one JSON file per language in `demo/translations/`.

Each file maps an English source text to its translation; every demo builder that writes a
translated page or snippet reads them through `strings_for`.
"""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "translations"


@cache
def strings_for(language_code: str) -> dict[str, str]:
    """Source text → translation for one language (empty when the demo has none)."""
    path = DATA / f"{language_code}.json"
    return json.loads(path.read_text()) if path.exists() else {}
