"""The note wagtail-localize shows under each translated string ("Translated manually on 7
December 2026"), dated in the reader's language: upstream writes the date with `strftime`, so
it was English in every language."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail_localize.models import StringTranslation


def dated_comment(string_translation: StringTranslation) -> str:
    """wagtail-localize's note under a translated string, dated in the active language."""
    date = date_format(timezone.localtime(string_translation.updated_at))
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return _("Translated manually on {date}").format(date=date)
