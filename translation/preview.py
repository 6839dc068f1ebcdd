"""Previews of an invalid form answer 400 with the errors, never 500 (issue 13, item 7).

Two gaps in Wagtail let a hand-made preview request fail with a server error or hide its errors:

- A StreamField reads its `<name>-count` field without checking it is there, so a form posted
  without it (`title=x` alone) raised `MultiValueDictKeyError` from inside form validation.
  `BlockWidget.value_from_datadict` now answers missing or malformed block data with an empty
  value (so the form can be shown again) marked as malformed, and `BlockField.clean` turns the
  mark into that field's `ValidationError`. This covers every form
  with a StreamField: page and snippet edit, create and preview views alike.
- Wagtail's preview views answer an invalid form with 200 `{"is_valid": false}`. They now answer
  400 with the same body plus `errors` (field name → messages). The admin's preview panel reads
  the body whatever the status, so editing with live preview works as before.

Both are installed once, from `TranslationWorkflowConfig.ready()`, on Wagtail's base classes, so
preview views added later (new snippet viewsets) are covered without registering them here.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from wagtail.admin.views.generic.preview import PreviewOnEdit
from wagtail.blocks.base import BlockField, BlockWidget

_MARK = "_stempd_hardened"


def form_errors(form: Form) -> dict[str, list[str]]:
    """The form's errors and its inline formsets' errors, as plain text per field."""
    errors = {
        name: [str(message) for message in messages] for name, messages in form.errors.items()
    }
    for name, formset in getattr(form, "formsets", {}).items():
        messages = [str(message) for message in formset.non_form_errors()]
        for child in formset.errors:
            messages += [str(m) for field_messages in child.values() for m in field_messages]
        if messages:
            errors[name] = messages
    return errors


def _value_from_datadict(original):
    def value_from_datadict(self: BlockWidget, data, files, name: str) -> Any:
        try:
            return original(self, data, files, name)
        except (KeyError, ValueError, TypeError, IndexError) as error:
            # An empty value to render the form again with, marked for `BlockField.clean`.
            value = self.block_def.get_default()
            try:
                value._stempd_malformed = True
            except AttributeError:
                raise _malformed() from error
            return value

    return value_from_datadict


def _clean(original):
    def clean(self: BlockField, value: Any) -> Any:
        if getattr(value, "_stempd_malformed", False):
            raise _malformed()
        return original(self, value)

    return clean


def _malformed() -> ValidationError:
    return ValidationError(
        _("This content is incomplete or malformed; reload the page and try again."),
        code="malformed",
    )


def _post(original):
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


def install() -> None:
    """Wrap Wagtail's block widget and preview view once (idempotent)."""
    if getattr(BlockWidget, _MARK, False):
        return
    BlockWidget.value_from_datadict = _value_from_datadict(BlockWidget.value_from_datadict)
    BlockField.clean = _clean(BlockField.clean)
    PreviewOnEdit.post = _post(PreviewOnEdit.post)
    setattr(BlockWidget, _MARK, True)
