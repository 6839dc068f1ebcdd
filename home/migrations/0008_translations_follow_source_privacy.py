"""Translations of pages that were already private get their source's view restrictions
(from now on `home.privacy` keeps them in step)."""

from django.conf import settings
from django.db import migrations


def mirror_existing_restrictions(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    sources = PageViewRestriction.objects.filter(
        page__locale__language_code=settings.LANGUAGE_CODE
    ).select_related("page")
    for original in sources:
        groups = list(original.groups.all())
        translations = Page.objects.filter(translation_key=original.page.translation_key).exclude(
            pk=original.page_id
        )
        for page in translations:
            copy = PageViewRestriction.objects.filter(page=page).first() or PageViewRestriction(
                page=page
            )
            copy.restriction_type = original.restriction_type
            copy.password = original.password
            copy.save()
            copy.groups.set(groups)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_shared_paragraph_block"),
    ]

    operations = [
        migrations.RunPython(mirror_existing_restrictions, migrations.RunPython.noop),
    ]
