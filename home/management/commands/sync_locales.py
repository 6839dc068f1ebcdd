"""Create a Wagtail locale for every language in `settings.LANGUAGES`.

Operators run it after adding a language to the one list in `site/settings/base.py`; the demo
command runs it too. Locales are never deleted here: removing one would orphan its pages.
"""

from django.core.management.base import BaseCommand

from home.localization import ensure_locales


class Command(BaseCommand):
    """Keeps Wagtail's locales in step with the configured languages."""

    help = "Create missing Wagtail locales for settings.LANGUAGES."

    def handle(self, *args, **options) -> None:
        codes = [locale.language_code for locale in ensure_locales()]
        self.stdout.write(self.style.SUCCESS(f"Locales: {', '.join(codes)}"))
