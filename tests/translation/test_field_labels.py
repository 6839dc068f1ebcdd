"""Every field a partner translator reads in wagtail-localize's editor is labelled in their
language: the editor shows each field's `verbose_name`, and a name Django derives from the
attribute (`lead`, `hero_image`) is English in every language."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

import polib
import pytest

OUR_APPS = ("home", "network", "events", "newsletters")
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def labels_in_the_editor(model: type[models.Model]) -> dict[str, object]:
    """`{where: verbose_name}` of what the translation editor labels for `model`'s segments
    (the same fields wagtail-localize extracts segments from), child models included."""
    labels = {}
    for translatable in get_translatable_fields(model):
        field = translatable.get_field(model)
        translated = isinstance(translatable, TranslatableField)
        overridable = isinstance(translatable, SynchronizedField) and translatable.overridable
        if not (translated or overridable) or field.model.__module__.split(".")[0] not in OUR_APPS:
            continue
        where = f"{model.__name__}.{field.name}"
        text = isinstance(field, models.TextField | models.CharField) and not field.choices
        if text or isinstance(field, StreamField | RichTextField | models.ForeignKey):
            labels[where] = field.verbose_name
        elif (
            translated
            and isinstance(field, models.ManyToOneRel)
            and isinstance(field.remote_field, ParentalKey)
            and issubclass(field.related_model, TranslatableMixin)
        ):
            labels[where] = field.related_model._meta.verbose_name
            labels.update(labels_in_the_editor(field.related_model))
    return labels


def translatable_models() -> list[type[models.Model]]:
    return [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if issubclass(model, TranslatableMixin)
    ]


LABELS = {
    where: label
    for model in translatable_models()
    for where, label in labels_in_the_editor(model).items()
}


def test_the_editor_shows_labels_of_every_translatable_page_and_snippet():
    assert "NewsPage.lead" in LABELS
    assert "HomePage.hero_image" in LABELS  # an image a translator may replace
    assert "PartnerPage.contacts" in LABELS  # a child model, with its own fields
    assert "PartnerContact.role" in LABELS


@pytest.mark.parametrize("where", sorted(LABELS))
def test_each_label_is_marked_for_translation(where):
    assert isinstance(LABELS[where], Promise), f"{where}: {LABELS[where]!r} is not translatable"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_label_reads_in_every_language_of_the_site(language):
    """Translated upstream (Wagtail, Django) or in our catalogue, where a word may also stay
    the same ("Logo", "ISBN")."""
    (folder,) = (path for path in settings.LOCALE_PATHS if (Path(path) / language).is_dir())
    catalogue = polib.pofile(Path(folder) / language / "LC_MESSAGES" / "django.po")
    ours = {entry.msgid for entry in catalogue if entry.msgstr and not entry.obsolete}
    with translation.override(None):  # the msgids
        msgids = {str(label) for label in LABELS.values()}
    with translation.override(language):
        missing = sorted(m for m in msgids if m not in ours and translation.gettext(m) == m)
    assert missing == [], f"{language} lacks {missing}"
