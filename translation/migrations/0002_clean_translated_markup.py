"""Clean the translations stored before every translation was cleaned on save.

Each stored string translation goes through the same cleaner as a new one
(`translation.markup.clean_translation`). Where that changes a string, the text it had put
into the translated page or snippet (its row, every revision, a page's draft title) is replaced
by the cleaned text, so neither visitors nor reviewers opening an old draft get the old markup.
"""

import json

from django.db import migrations
from django.db.models import F, TextField
from django.db.models.functions import Cast

# Columns that hold addresses rather than text: a string found there is left alone.
SKIPPED_FIELDS = {"slug", "url_path"}


def _rendered(data, attrs, rich_text):
    from wagtail_localize.strings import StringValue

    value = StringValue(data)
    return value.render_html(attrs) if rich_text else value.render_text()


def _replaced(value, replacements):
    """`value` (text, or JSON data) with each old text replaced by its new one."""
    if isinstance(value, str):
        if value[:1] in "[{":
            # A revision keeps each StreamField as JSON text.
            try:
                decoded = json.loads(value)
            except ValueError:
                pass
            else:
                cleaned = _replaced(decoded, replacements)
                return value if cleaned == decoded else json.dumps(cleaned)
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replaced(item, replacements) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, replacements) for key, item in value.items()}
    return value


def _clean_strings(apps):
    """Clean every string translation. Returns, per translated object (translation key and
    locale), the (old, new) texts to replace in it and its new draft title, if that changed."""
    from translation.markup import clean_translation

    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    TemplateSegment = apps.get_model("wagtail_localize", "TemplateSegment")
    rich_contexts = set(TemplateSegment.objects.values_list("context_id", flat=True))
    changed, replacements = [], {}
    rows = StringTranslation.objects.select_related("translation_of", "context")
    for row in rows.iterator(chunk_size=500):
        rich_text = row.context_id in rich_contexts
        cleaned = clean_translation(row.data, row.translation_of.data, rich_text=rich_text)
        if cleaned == row.data:
            continue
        old_data, row.data = row.data, cleaned
        changed.append(row)
        if row.context is None:
            continue
        segment = StringSegment.objects.filter(
            string_id=row.translation_of_id, context_id=row.context_id
        ).first()
        attrs = json.loads(segment.attrs) if segment is not None and segment.attrs else {}
        try:
            old, new = (_rendered(d, attrs, rich_text) for d in (old_data, cleaned))
        except KeyError:
            continue  # a link id its source never had: wagtail-localize never used the string
        found = replacements.setdefault(
            (row.context.object_id, row.locale_id), {"pairs": [], "title": None}
        )
        if old and old != new:
            found["pairs"].append((old, new))
        if row.context.path == "title":
            found["title"] = cleaned  # wagtail-localize copies the stored text there
    StringTranslation.objects.bulk_update(changed, ["data"], batch_size=500)
    return replacements


def _clean_object(apps, base_model, instance, pairs, title):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    specific_type_id = getattr(instance, "content_type_id", None)
    model = base_model
    if specific_type_id is not None:
        specific_type = ContentType.objects.get(pk=specific_type_id)
        try:
            model = apps.get_model(specific_type.app_label, specific_type.model)
        except LookupError:
            model = base_model  # a model removed since: its base table is still cleaned
    fields = [
        field
        for field in model._meta.concrete_fields
        if field.get_internal_type() in {"CharField", "TextField", "JSONField"}
        and field.name not in SKIPPED_FIELDS
    ]
    row = model.objects.filter(pk=instance.pk)
    stored = row.values(**{f"_{field.name}": Cast(F(field.name), TextField()) for field in fields})
    updates = {}
    for field in fields:
        text = stored[0][f"_{field.name}"]
        if text is None:
            continue
        if field.get_internal_type() == "JSONField":
            value = json.loads(text)
            new_value = _replaced(value, pairs)
        else:
            value = text
            new_value = _replaced(text, pairs)
        if new_value != value:
            updates[field.name] = new_value
    if title is not None and hasattr(instance, "draft_title"):
        updates["draft_title"] = title
    if updates:
        row.update(**updates)
    for revision in Revision.objects.filter(
        base_content_type_id=ContentType.objects.get_for_model(base_model).pk,
        object_id=str(instance.pk),
    ):
        content = _replaced(revision.content, pairs)
        if content != revision.content:
            revision.content = content
            revision.save(update_fields=["content"])


def clean_stored_translations(apps, schema_editor):
    replacements = _clean_strings(apps)
    if not replacements:
        return
    TranslatableObject = apps.get_model("wagtail_localize", "TranslatableObject")
    objects = TranslatableObject.objects.select_related("content_type")
    for (translation_key, locale_id), found in replacements.items():
        translatable = objects.filter(translation_key=translation_key).first()
        if translatable is None:
            continue
        content_type = translatable.content_type
        try:
            base_model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        for instance in base_model.objects.filter(
            translation_key=translation_key, locale_id=locale_id
        ):
            _clean_object(apps, base_model, instance, found["pairs"], found["title"])


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Translated pages and snippets of every app are rewritten, so their models must exist.
        ("home", "0007_shared_paragraph_block"),
        ("network", "0007_person_field_labels"),
        ("events", "0003_shared_paragraph_block"),
        ("newsletters", "0005_send_requested_by_person"),
    ]

    operations = [migrations.RunPython(clean_stored_translations, migrations.RunPython.noop)]
