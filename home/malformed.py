"""Admin requests no form could have sent get a 4xx with a message, never a 500.

A forged or truncated request (rich text that is not Draftail's JSON, a formset row without its
id, a copy without its destination) made Wagtail fail while reading it. A value its widget could
not read (`Malformed`) becomes the field's form error; a request no form could have sent
(`MalformedForm`) a plain-text 400. The patches that raise them are in `home.patches`.
"""

from typing import Any

from django.core.exceptions import BadRequest, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.models import Page


def malformed() -> ValidationError:
    """The form error of a field whose posted value could not be read."""
    return ValidationError(
        _("This content is incomplete or malformed; reload the page and try again."),
        code="malformed",
    )


class Malformed:
    """A posted value its widget could not read: shown empty, refused by the field's clean."""

    def __str__(self) -> str:
        raise malformed()


class MalformedForm(BadRequest):
    """A request no admin form could have sent (a `BadRequest`: 400 even without the middleware)."""

    def __init__(self) -> None:
        super().__init__(
            _("This form arrived incomplete or altered; reload the page and try again.")
        )


class MalformedFormMiddleware:
    """Answers `MalformedForm` with its message as plain text (Django's 400 page shows none)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MalformedForm):
            return HttpResponseBadRequest(str(exception), content_type="text/plain; charset=utf-8")
        return None


class StrictDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's rich-text editor (`WAGTAILADMIN_RICH_TEXT_EDITORS`), refusing text that is not
    its JSON with a form error on the field instead of a server error."""

    def value_from_datadict(self, data, files, name: str) -> Any:
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            return Malformed()

    def format_value(self, value: Any) -> Any:
        return super().format_value(None if isinstance(value, Malformed) else value)


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


def refuse_copy_without_destination(request: HttpRequest) -> HttpResponse | None:
    """A page copy posted without an existing page to copy into: 400 with what to do."""
    if request.method != "POST":
        return None
    parent = request.POST.get("new_parent_page", "")
    if not parent.isdigit() or not Page.objects.filter(pk=parent).exists():
        return HttpResponseBadRequest(_("Choose the page to copy this page into."))
    return None
