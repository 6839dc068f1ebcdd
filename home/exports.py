"""Spreadsheet exports escape formulas, Wagtail's own reports included.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a
tab or carriage return) as a formula, so a page title such as `=HYPERLINK("https://…?x="&A1)`
would run in the reader's spreadsheet when they open a CSV export. Every admin CSV export
(Wagtail's reports, snippet and model listings) passes its text cells and headings through
`neutralise` (`home.patches.wagtail`), which prefixes them with `'`: spreadsheets show the cell
as text. XLSX cells need nothing: Wagtail already stores formula-looking cells as text.
"""

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` prefixed with `'` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
