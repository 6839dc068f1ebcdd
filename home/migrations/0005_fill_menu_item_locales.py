import uuid

from django.db import migrations


def fill(apps, schema_editor):
    """Each existing menu item takes its menu's locale and a fresh translation key."""
    MainMenuItem = apps.get_model("home", "MainMenuItem")
    for item in MainMenuItem.objects.select_related("menu"):
        item.translation_key = uuid.uuid4()
        item.locale_id = item.menu.locale_id
        item.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("home", "0004_bootstrap_translatable_children")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
