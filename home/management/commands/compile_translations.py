"""Compile `locale/*/LC_MESSAGES/*.po` to `.mo` with polib, so no system gettext is needed.

`manage.py compilemessages` needs GNU gettext's `msgfmt`, which a fresh machine may lack; the
set-up commands run this instead. Only catalogues older than their `.po` are rewritten.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


class Command(BaseCommand):
    """Used by `make run` and `make test`, and by operators after editing a catalogue."""

    help = "Compile the project's gettext catalogues (.po -> .mo) without system gettext."
    # As Django's compilemessages: it reads catalogues only, so it runs where no database is
    # configured yet (a container image build), and the model checks would open one.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Rewrite every .mo file.")

    def handle(self, *args, force: bool = False, **options) -> None:
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    not force
                    and mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as error:
                    raise CommandError(f"{po_path}: {error}") from error
                catalogue.save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"compiled {po_path.relative_to(Path(locale_dir).parent)}")
        self.stdout.write(self.style.SUCCESS(f"{compiled} catalogue(s) compiled."))
