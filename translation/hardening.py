"""wagtail-localize's string editing and PO upload answer bad requests with a 4xx and a message.

A string longer than its field would be copied into the page, where the database refuses it
(PostgreSQL) or keeps a title the page can never be saved with (SQLite). Every way in saves a
`StringTranslation`, so the check sits on its `pre_save`. The two views wrap wagtail-localize's,
at their addresses (`wagtail_hooks`), to answer what upstream turns into a 500.
"""

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.views import edit_translation

from translation.notes import dated_comment


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


@receiver(pre_save, sender=StringTranslation, dispatch_uid="stempd-overlong-strings")
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
        response = edit_translation.edit_string_translation(
            request, translation_id, string_segment_id
        )
    except StringTooLong as refused:
        return _plain_400(refused.message)
    except MultiValueDictKeyError:
        return _plain_400(_("Send the translated text as “value”."))
    data = getattr(response, "data", None)  # the saved string, read by the editor
    if isinstance(data, dict) and data.get("comment"):
        saved = StringTranslation.objects.filter(
            context__stringsegment__pk=string_segment_id,
            context__stringsegment__string_id=F("translation_of_id"),
            locale__translations__pk=translation_id,
        ).first()
        if saved is not None:
            data["comment"] = dated_comment(saved)
    return response
