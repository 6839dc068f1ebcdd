"""Rows per second and queries of the subscriber CSV import at 1,000, 10,000 and 50,000 rows.

Run: .venv/bin/python benchmarks/newsletters_import.py [ROWS ...]
Builds a throwaway test database (SQLite in memory unless DATABASE_URL says otherwise). Each file
has 3% invalid rows, 3% duplicates and 2% suppressed addresses, like a real conference list.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def make_file(rows: int, run: int) -> str:
    lines = ["email,language,topics"]
    languages = ["en", "de", "fr", "it", "es"]
    for n in range(rows):
        kind = n % 100
        if kind < 3:
            lines.append(f"broken-{run}-{n},en,")
        elif kind < 6:
            lines.append(f"person-{run}-{n - 10}@example.org,en,")  # an earlier row again
        elif kind < 8:
            lines.append(f"suppressed-{n}@example.org,en,")
        else:
            topics = "Events;Network news" if n % 2 else ""
            lines.append(f"person-{run}-{n}@example.org,{languages[n % 5]},{topics}")
    return "\n".join(lines) + "\n"


def main(sizes: list[int]) -> None:
    from wagtail.models import Locale

    from newsletters.audience.imports import import_subscribers
    from newsletters.models import SuppressedAddress, Topic, email_hash

    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        english = Locale.objects.get_or_create(language_code="en")[0]
        Topic.objects.create(name="Events", locale=english)
        Topic.objects.create(name="Network news", locale=english)
        SuppressedAddress.objects.bulk_create(
            [
                SuppressedAddress(
                    email_hash=email_hash(f"suppressed-{n}@example.org"), reason="erased"
                )
                for n in range(max(sizes))
                if n % 100 in (6, 7)
            ]
        )
        print(f"Database: {connection.vendor}")
        print(
            f"{'rows':>8} {'created':>8} {'invalid':>8} {'dup':>6} {'supp':>6} "
            f"{'seconds':>8} {'rows/s':>9} {'queries':>8}"
        )
        for run, rows in enumerate(sizes):
            text = make_file(rows, run)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                report = import_subscribers(
                    text, consent_source="Benchmark: registrations of the annual conference"
                )
            elapsed = time.perf_counter() - started
            print(
                f"{rows:>8} {report.created:>8} {report.invalid:>8} {report.duplicate:>6} "
                f"{report.suppressed:>6} {elapsed:>8.2f} {rows / elapsed:>9.0f} {len(queries):>8}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 50_000])
