"""`manage.py import_subscribers FILE --consent-source "..."`: bulk import from a CSV file.

For operators with large lists (tens of thousands of rows) and for scripted migrations from an
old mailing tool; staff with smaller files use the upload in the admin. Both share
`newsletters.audience.imports`, so the rules and the report are the same.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsletters.audience.imports import ImportFileError, decode_upload, import_subscribers
from newsletters.models import Topic


class Command(BaseCommand):
    """Import subscribers with a declared consent source and print the validation report."""

    help = "Import newsletter subscribers from a CSV file (columns: email, language, topics)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("csv_file", type=Path, help="UTF-8 CSV file with a header row.")
        parser.add_argument(
            "--consent-source",
            required=True,
            help="How these people agreed to receive the newsletter (stored with each of them).",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language for rows without one.",
        )
        parser.add_argument(
            "--topic",
            action="append",
            default=[],
            help="Name of a topic (default language) to add to everyone; repeatable.",
        )
        parser.add_argument(
            "--report", type=Path, help="Write every rejected row to this JSON file."
        )

    def handle(self, *args, csv_file: Path, consent_source: str, language: str, **options):
        if len(consent_source.strip()) < 10:
            raise CommandError("Describe the consent source (at least 10 characters).")
        topics = []
        for name in options["topic"]:
            topic = Topic.objects.filter(
                name__iexact=name, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            if topic is None:
                raise CommandError(f"No topic named {name!r}.")
            topics.append(topic)
        try:
            text = decode_upload(csv_file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {csv_file}: {error}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done}/{total} rows")

        try:
            report = import_subscribers(
                text,
                consent_source=consent_source,
                default_language=language,
                topics=topics,
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.total} rows: {report.created} created, {report.existing} already "
                f"subscribed, {report.invalid} invalid, {report.duplicate} duplicate, "
                f"{report.suppressed} suppressed."
            )
        )
        for problem in report.problems[:20]:
            self.stdout.write(f"  row {problem['row']}: {problem['kind']} ({problem['reason']})")
        if len(report.problems) > 20:
            self.stdout.write(f"  … and {len(report.problems) - 20} more")
        if options["report"]:
            options["report"].write_text(json.dumps(report.problems, indent=1))
            self.stdout.write(f"Report written to {options['report']}")
