"""Patches of Wagtail: what no hook, setting or subclass reaches in every view at once.

- Spreadsheet exports (`SpreadsheetExportMixin`): every admin CSV export, Wagtail's own reports
  included, prefixes with `'` the text cells and headings a spreadsheet would run as formulas
  (a title such as `=HYPERLINK(…)` would run when the reader opens the CSV); spreadsheets then
  show them as text. Its reports are plain URLs, not viewsets one could configure. XLSX needs
  nothing: Wagtail stores formula-looking cells as text there.
- StreamField input (`BlockWidget`, `BlockField`): block data posted without its `-count` field
  or otherwise unreadable becomes that field's form error, in every page and snippet form.
- Previews (`PreviewOnEdit.post`): an invalid form answers 400 with its errors instead of 200;
  the admin's preview panel reads the body whatever the status.
- Links (`URLOrAbsolutePathValidator.is_absolute_path`): the external-link chooser posted
  without a URL gives a form error instead of an `AttributeError`.
"""

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator
from wagtail.admin.views.generic.preview import PreviewOnEdit
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.blocks.base import BlockField, BlockWidget

from home.malformed import form_errors, malformed

# What a spreadsheet reads as the start of a formula (a tab or carriage return in some programs).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# SHA-256 of the source of each upstream function patched or relied on (tests/home/test_patches.py).
UPSTREAM = {
    "wagtail.admin.views.mixins.SpreadsheetExportMixin.preprocess_field_value": (
        "9929e55f29ea4dfa2a8d497e4234bbf416e8a091fdfbb2024fb6075e15100768"
    ),
    "wagtail.admin.views.mixins.SpreadsheetExportMixin.get_heading": (
        "776c7922b50cd92b6d5a8d5d5aea44a381543c9c2743db5c7fb5c3493caee496"
    ),
    "wagtail.admin.views.mixins.SpreadsheetExportMixin.write_csv_row": (
        "71a94feb191f6aa7cf81ce8384f0c9884e2d078004d6fea93564278c38391fe2"
    ),
    "wagtail.admin.views.mixins.SpreadsheetExportMixin.stream_csv": (
        "a560e82f7b810ee098c64857396a1f51bdc8b53b26292cb0d41684f94ca4e4cb"
    ),
    "wagtail.blocks.base.BlockWidget.value_from_datadict": (
        "b5a38061dba05aa7cac926f412b3bda69816a73a36d230fbd1c07985020a3492"
    ),
    "wagtail.blocks.base.BlockField.clean": (
        "5ebbabd4c9c0ee8391e2c5bbe3bb4bd3bbd24b2f0afa4f4254bfb8546dbafe95"
    ),
    "wagtail.admin.views.generic.preview.PreviewOnEdit.post": (
        "78167ab291508c92e1677c910ce16ab77c3a4bbcadada5b91ca6cb93cc4f6111"
    ),
    "wagtail.admin.views.generic.preview.PreviewOnEdit.validate_form": (
        "eaae8c8bc3c269940a1b5311047c64bb1352ba5583f636a49e8b381711bcde10"
    ),
    "wagtail.admin.forms.choosers.URLOrAbsolutePathValidator.is_absolute_path": (
        "65526fd2679c372df354a82c4a96b026d9e11db7cb9d0ed3df39b48db78cdd09"
    ),
    "wagtail.admin.forms.choosers.URLOrAbsolutePathValidator.__call__": (
        "ef386f624148bbd28d35a703b729c548247632bc9973c7d5cc31195d5aebc2bf"
    ),
    "wagtail.admin.forms.choosers.URLOrAbsolutePathField.to_python": (
        "083ffaf9b73e5b3fc4cf32d1f75bf41be626dabc6587de262b5bc0e6360771da"
    ),
}


def neutralise(value: Any) -> Any:
    """`value` prefixed with `'` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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


def _reading_blocks_safely(original: Callable) -> Callable:
    @functools.wraps(original)
    def value_from_datadict(self: BlockWidget, data, files, name: str) -> Any:
        try:
            return original(self, data, files, name)
        except (KeyError, ValueError, TypeError, IndexError) as error:
            # An empty value to render the form again with, marked for `BlockField.clean`.
            value = self.block_def.get_default()
            try:
                value._stempd_malformed = True
            except AttributeError:
                raise malformed() from error
            return value

    return value_from_datadict


def _refusing_unread_blocks(original: Callable) -> Callable:
    @functools.wraps(original)
    def clean(self: BlockField, value: Any) -> Any:
        if getattr(value, "_stempd_malformed", False):
            raise malformed()
        return original(self, value)

    return clean


def _previews_with_errors(original: Callable) -> Callable:
    @functools.wraps(original)
    def post(self: PreviewOnEdit, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = original(self, request, *args, **kwargs)
        try:
            payload = json.loads(response.content)
        except ValueError:
            return response
        if payload.get("is_valid", True):
            return response
        form = self.get_form(request.POST)
        self.validate_form(form)
        payload["errors"] = form_errors(form)
        return JsonResponse(payload, status=400)

    return post


def _paths_are_text(original: Callable) -> Callable:
    @functools.wraps(original)
    def is_absolute_path(value: Any) -> bool:
        return isinstance(value, str) and original(value)

    return is_absolute_path


def _wrap(cls: type, name: str, wrapper: Callable[[Callable], Callable]) -> None:
    original = cls.__dict__[name]
    if isinstance(original, staticmethod):
        setattr(cls, name, staticmethod(wrapper(original.__func__)))
    else:
        setattr(cls, name, wrapper(original))


def install() -> None:
    """Wrap the methods above once."""
    if hasattr(BlockField.clean, "__wrapped__"):
        return
    _wrap(SpreadsheetExportMixin, "preprocess_field_value", _escaping_cells)
    _wrap(SpreadsheetExportMixin, "get_heading", _escaping_headings)
    _wrap(BlockWidget, "value_from_datadict", _reading_blocks_safely)
    _wrap(BlockField, "clean", _refusing_unread_blocks)
    _wrap(PreviewOnEdit, "post", _previews_with_errors)
    _wrap(URLOrAbsolutePathValidator, "is_absolute_path", _paths_are_text)
