"""Hand-made admin requests get a 4xx with a message, never a 500 (issue 13: "bad input → clear
error"). The permissions matrix (tests/site/test_permissions_matrix.py) found these in Wagtail
and wagtail-localize, each reachable by a partner translator:

- Draftail rich text posted as anything but its JSON (`body=<p>x</p>` to a snippet's edit or
  preview view) raised `JSONDecodeError` while reading the form. The widget now answers with a
  `Malformed` value: the form reports "incomplete or malformed" on that field and renders it
  empty, like `preview.py` does for StreamField blocks.
- "Copy page" posted without a valid `new_parent_page` raised `MultiValueDictKeyError` or
  `DoesNotExist`: now 400.
- The external-link chooser posted without `url` raised `AttributeError`: now a form error.
- A PO file upload without a file, without wagtail-localize's header or with a `next` that is
  not a path: now an error message and a redirect (`upload_pofile`).
- An inline formset (the page's comments, any InlinePanel) posted with `<prefix>-INITIAL_FORMS`
  above 0 but without the rows' ids, or with an id that is not one, raised
  `MultiValueDictKeyError` or `ValidationError` in modelcluster's formset before any validation
  (test_fuzz_admin found it). A browser always sends the ids, so this is a forged or truncated
  request: `MalformedForm` answers it 400 with a plain message (`MalformedFormMiddleware`), for
  every page and snippet form alike, before anything is saved.
- A string translation longer than its field allows (a 300-character title) was stored, and
  wagtail-localize copied it into the page's `draft_title`: PostgreSQL refused the UPDATE with a
  500, and SQLite kept a title the page could never be saved with. Every way in (the editor's
  string API, a PO upload) goes through `StringTranslation.save`, so the check sits there
  (`refuse_overlong_strings`, before anything is written): the string API answers 400 with the
  limit, a PO upload shows it as an error message. A string edit without `value` answers 400.

`install()` runs once from `TranslationWorkflowConfig.ready()`.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from modelcluster.forms import BaseTransientModelFormSet
from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.views import edit_translation

_MARK = "_stempd_hardened"


def malformed() -> ValidationError:
    return ValidationError(
        _("This content is incomplete or malformed; reload the page and try again."),
        code="malformed",
    )


class Malformed:
    """A posted value its widget could not read: shown empty, refused by the field's clean."""

    def __str__(self) -> str:
        raise malformed()


def _draftail_value(original):
    def value_from_datadict(self: DraftailRichTextArea, data, files, name: str) -> Any:
        try:
            return original(self, data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            return Malformed()

    return value_from_datadict


def _draftail_format(original):
    def format_value(self: DraftailRichTextArea, value: Any) -> Any:
        return original(self, None if isinstance(value, Malformed) else value)

    return format_value


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


def _construct_form(original):
    def construct_form(self: BaseTransientModelFormSet, i: int, **kwargs) -> Any:
        if self.is_bound and i < self.initial_form_count():
            pk_field = self.model._meta.pk
            pk = self.data.get(f"{self.add_prefix(i)}-{pk_field.name}")
            if pk is None:
                raise MalformedForm
            if pk != "":
                try:
                    self._get_to_python(pk_field)(pk)
                except ValidationError as error:
                    raise MalformedForm from error
        return original(self, i, **kwargs)

    return construct_form


def _copy_post(original):
    def post(self: CopyView, request: HttpRequest, page_id: int, *args, **kwargs) -> HttpResponse:
        parent = request.POST.get("new_parent_page", "")
        if not parent.isdigit() or not Page.objects.filter(pk=parent).exists():
            return HttpResponseBadRequest(_("Choose the page to copy this page into."))
        return original(self, request, page_id, *args, **kwargs)

    return post


def _is_absolute_path(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("/")


def upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's PO upload, with a message instead of a 500 for a bad request."""
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    if request.method != "POST" or "file" not in request.FILES:
        messages.error(request, _("Please upload a valid PO file."))
        return HttpResponseRedirect(next_url)
    try:
        edit_translation.upload_pofile(request, translation_id)
    except StringTooLong as refused:
        messages.error(request, refused.message)
    except (KeyError, ValueError, UnicodeError, OSError):
        messages.error(request, _("Please upload a valid PO file."))
    except NoReverseMatch:
        pass  # imported; upstream's redirect() took `next` for a view name
    return HttpResponseRedirect(next_url)


def field_length_limit(model: type[models.Model], path: str) -> int | None:
    """The `max_length` of the database column a segment path ends in, if it has one.

    Paths name a field (`title`), a block inside a StreamField (`body.<uuid>`, stored as JSON,
    no limit), or a field of an inline child (`authors.<uuid>.name`).
    """
    parts = path.split(".")
    try:
        field = model._meta.get_field(parts[0])
        if field.one_to_many and len(parts) >= 3:
            field = field.related_model._meta.get_field(parts[2])
    except FieldDoesNotExist:
        return None
    if field.is_relation or isinstance(field, models.TextField):
        return None
    return getattr(field, "max_length", None)


class StringTooLong(ValidationError):
    """A translated string its field cannot hold; the message names the limit."""


def refuse_overlong_strings(sender, instance: StringTranslation, **kwargs) -> None:
    """`pre_save` of every `StringTranslation`: refuse one longer than its field allows."""
    context = instance.context
    source = (
        TranslationSource.objects.filter(object_id=context.object_id)
        .select_related("specific_content_type")
        .first()
    )
    model = source.specific_content_type.model_class() if source else None
    limit = field_length_limit(model, context.path) if model else None
    if limit is not None and len(instance.data) > limit:
        raise StringTooLong(
            _("This text is too long here: at most %(limit)d characters (it has %(length)d).")
            % {"limit": limit, "length": len(instance.data)}
        )


def _plain_400(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def edit_string_translation(
    request: HttpRequest, translation_id: int, string_segment_id: int
) -> HttpResponse:
    """wagtail-localize's save of one translated string, with a 400 for what it cannot save."""
    try:
        return edit_translation.edit_string_translation(request, translation_id, string_segment_id)
    except StringTooLong as refused:
        return _plain_400(refused.message)
    except MultiValueDictKeyError:
        return _plain_400(_("Send the translated text as “value”."))


def install() -> None:
    """Apply the fixes above once (idempotent)."""
    if getattr(DraftailRichTextArea, _MARK, False):
        return
    DraftailRichTextArea.value_from_datadict = _draftail_value(
        DraftailRichTextArea.value_from_datadict
    )
    DraftailRichTextArea.format_value = _draftail_format(DraftailRichTextArea.format_value)
    CopyView.post = _copy_post(CopyView.post)
    BaseTransientModelFormSet._construct_form = _construct_form(
        BaseTransientModelFormSet._construct_form
    )
    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(_is_absolute_path)
    pre_save.connect(
        refuse_overlong_strings, sender=StringTranslation, dispatch_uid="stempd-overlong-strings"
    )
    setattr(DraftailRichTextArea, _MARK, True)
