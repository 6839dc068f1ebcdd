"""Spreadsheet exports escape formulas, Wagtail's own reports included.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a
tab or carriage return) as a formula, so a page title such as `=HYPERLINK("https://…?x="&A1)`
would run in the reader's spreadsheet when they open a CSV export. Every admin export in Wagtail
(site history, workflow reports, locked and aging pages, snippet and model listings, form
submissions) writes its cells through `SpreadsheetExportMixin.preprocess_field_value` and its
headings through `get_heading`. Wagtail offers no setting or hook that reaches all of those views
at once (its reports are plain URLs, not viewsets one could replace), so this module wraps the
two methods: a text cell of a CSV export and any heading that would start a formula is prefixed
with `'`, which spreadsheets show as text. XLSX cells need nothing: Wagtail already stores
formula-looking cells as text.

This is the project's one patch of Wagtail: `tests/home/test_exports.py` fails when the source
of a patched method, or of the CSV writer that relies on it, changes upstream (`UPSTREAM`), so an
upgrade is reviewed against it.
"""

import functools
import hashlib
import inspect
from collections.abc import Callable
from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# SHA-256 of `inspect.getsource` of each upstream method this patch relies on.
UPSTREAM = {
    "preprocess_field_value": "9929e55f29ea4dfa2a8d497e4234bbf416e8a091fdfbb2024fb6075e15100768",
    "get_heading": "776c7922b50cd92b6d5a8d5d5aea44a381543c9c2743db5c7fb5c3493caee496",
    "write_csv_row": "71a94feb191f6aa7cf81ce8384f0c9884e2d078004d6fea93564278c38391fe2",
    "stream_csv": "a560e82f7b810ee098c64857396a1f51bdc8b53b26292cb0d41684f94ca4e4cb",
}


def neutralise(value: Any) -> Any:
    """`value` prefixed with `'` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def upstream_digest(name: str) -> str:
    """The SHA-256 of the source of `SpreadsheetExportMixin.<name>` as Wagtail ships it."""
    method = getattr(SpreadsheetExportMixin, name)
    original = getattr(method, "__wrapped__", method)
    return hashlib.sha256(inspect.getsource(original).encode()).hexdigest()


def _escaping_cells(original: Callable) -> Callable:
    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    return preprocess_field_value


def _escaping_headings(original: Callable) -> Callable:
    @functools.wraps(original)
    def get_heading(self, queryset, field):
        return neutralise(original(self, queryset, field))

    return get_heading


def install() -> None:
    """Wrap the export methods once (called from `HomeConfig.ready`)."""
    mixin = SpreadsheetExportMixin
    if hasattr(mixin.preprocess_field_value, "__wrapped__"):
        return
    mixin.preprocess_field_value = _escaping_cells(mixin.preprocess_field_value)
    mixin.get_heading = _escaping_headings(mixin.get_heading)
