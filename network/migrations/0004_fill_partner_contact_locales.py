import uuid

from django.db import migrations


def fill(apps, schema_editor):
    """Each existing contact takes its partner page's locale and a fresh translation key."""
    PartnerContact = apps.get_model("network", "PartnerContact")
    for contact in PartnerContact.objects.select_related("page"):
        contact.translation_key = uuid.uuid4()
        contact.locale_id = contact.page.locale_id
        contact.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("network", "0003_bootstrap_translatable_children")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
