"""Time and queries of the translation status matrix at 1,000 source pages × 8 languages.

Run: .venv/bin/python benchmarks/translation_matrix.py [pages]
Builds a throwaway test database (SQLite in memory unless DATABASE_URL says otherwise) with an
English tree of `pages` pages (default 1,000) and, per page and target language, a translated,
outdated, in-progress, awaiting-review or missing translation with wagtail-localize's sources,
translation records, logs, workflow states and strings (10 strings per page, each language
translating a different share of them), so progress is computed for every cell. Then measures
the whole matrix (the service, every row and column), the admin view and the CSV export.
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(count: int) -> None:
    """An English tree of `count` pages, with translations in every state in 7 languages."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.models import Locale, Page, Site
    from wagtail_localize.models import (
        TranslatableObject,
        Translation,
        TranslationLog,
        TranslationSource,
    )

    from home.models import StandardPage
    from tests.factories.home import HomePageFactory

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, slug="home-en", locale=locales["en"])
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "testserver"}
    )
    homes = {"en": home}
    for code, locale in locales.items():
        if code != "en":
            homes[code] = home.copy_for_translation(locale)
            homes[code].save_revision().publish()
    content_type = ContentType.objects.get_for_model(StandardPage)
    now = timezone.now()
    sections = [
        homes["en"].add_child(instance=StandardPage(title=f"Section {n}", slug=f"section-{n}"))
        for n in range(10)
    ]
    sources, translations, logs = [], [], []
    for number in range(count - len(sections)):
        parent = sections[number % len(sections)]
        page = parent.add_child(
            instance=StandardPage(title=f"Page {number}", slug=f"page-{number}", live=True)
        )
        page.last_published_at = now
        Page.objects.filter(pk=page.pk).update(last_published_at=now)
        TranslatableObject.objects.get_or_create(
            translation_key=page.translation_key, content_type=content_type
        )
        sources.append(
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type=content_type,
                locale=locales["en"],
                object_repr=page.title,
                content_json="{}",
                last_updated_at=now - timedelta(days=1 if number % 5 == 0 else -1),
            )
        )
        for index, (code, locale) in enumerate(locales.items()):
            if code == "en" or (number + index) % 7 == 0:
                continue  # missing in this language
            home_of_locale = homes[code]
            home_of_locale.add_child(
                instance=StandardPage(
                    title=f"Page {number} ({code})",
                    slug=f"page-{number}",
                    locale=locale,
                    translation_key=page.translation_key,
                    live=(number + index) % 11 != 0,
                )
            )
            homes[code] = Page.objects.get(pk=home_of_locale.pk)
        if number % 100 == 0:
            sys.stdout.write(f"\r  built {number} pages")
            sys.stdout.flush()
    TranslationSource.objects.bulk_create(sources)
    for source in TranslationSource.objects.all():
        for code, locale in locales.items():
            if code != "en":
                translations.append(Translation(source=source, target_locale=locale))
                logs.append(TranslationLog(source=source, locale=locale))
    Translation.objects.bulk_create(translations)
    TranslationLog.objects.bulk_create(logs)
    add_strings(locales)
    add_reviews(locales)
    sys.stdout.write(f"\r  built {count} source pages in {len(locales)} languages\n")


def add_strings(locales, per_page: int = 10) -> None:
    """Ten strings per source; language number i has translated a varying share of them."""
    import uuid

    from wagtail_localize.models import (
        String,
        StringSegment,
        StringTranslation,
        TranslationContext,
        TranslationSource,
    )

    sources = list(TranslationSource.objects.select_related("object"))
    # String 0 ("Read more") is shared by every page, as common strings are; the others are
    # each page's own.
    shared = String.objects.create(locale=locales["en"], data="Read more", data_hash=uuid.uuid4())
    own = String.objects.bulk_create(
        String(locale=locales["en"], data=f"String {i} {n}", data_hash=uuid.uuid4())
        for i in range(len(sources))
        for n in range(1, per_page)
    )
    contexts = TranslationContext.objects.bulk_create(
        TranslationContext(
            object_id=source.object_id, path=f"body.{n}", path_id=uuid.uuid4(), field_path="body"
        )
        for source in sources
        for n in range(per_page)
    )
    segments, done = [], []
    targets = [locale for code, locale in locales.items() if code != "en"]
    for index, source in enumerate(sources):
        for n in range(per_page):
            context = contexts[index * per_page + n]
            string = shared if n == 0 else own[index * (per_page - 1) + n - 1]
            segments.append(StringSegment(source=source, string=string, context=context, order=n))
            for number, locale in enumerate(targets):
                if n < (index + number) % (per_page + 1):
                    done.append(
                        StringTranslation(
                            translation_of=string,
                            locale=locale,
                            context=context,
                            data=f"({locale.language_code}) {string.data}",
                            translation_type="manual",
                        )
                    )
    StringSegment.objects.bulk_create(segments)
    StringTranslation.objects.bulk_create(done, batch_size=5000)


def add_reviews(locales) -> None:
    """Every 13th translated page is in a review workflow."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page, Workflow, WorkflowState

    workflow = Workflow.objects.create(name="Translation review")
    page_type = ContentType.objects.get_for_model(Page)
    pages = (
        Page.objects.exclude(locale=locales["en"])
        .filter(depth__gt=2)
        .values_list("id", "content_type_id")
    )
    WorkflowState.objects.bulk_create(
        WorkflowState(
            content_type_id=content_type_id,
            base_content_type=page_type,
            object_id=str(page_id),
            workflow=workflow,
        )
        for number, (page_id, content_type_id) in enumerate(pages)
        if number % 13 == 0
    )


def main() -> None:
    from collections import Counter

    from django.contrib.auth import get_user_model
    from django.test.utils import get_runner

    from wagtail.models import Page

    from translation.conf import source_locale, target_locales
    from translation.matrix import build_matrix

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old_config = runner.setup_databases()
    try:
        build(count)
        pages = list(Page.objects.filter(locale=source_locale()).order_by("path"))
        locales = target_locales()
        build_matrix(pages, locales)  # warm
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            cells = build_matrix(pages, locales)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu) * 1000
        total = sum(len(row) for row in cells.values())
        states = Counter(cell.status for row in cells.values() for cell in row.values())
        with_progress = sum(
            1 for row in cells.values() for cell in row.values() if cell.progress is not None
        )
        print(
            f"matrix service: {len(pages)} pages × {len(locales)} target languages "
            f"({total} cells, {with_progress} with string progress): {elapsed:.0f} ms, "
            f"{len(queries)} queries (CPU {cpu:.0f} ms)"
        )
        print("  states: " + ", ".join(f"{state} {n}" for state, n in sorted(states.items())))
        sql = sum(float(query["time"]) for query in queries.captured_queries)
        print(f"  of which SQL: {sql * 1000:.0f} ms")
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(build_matrix, pages, locales)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        user = get_user_model().objects.create_superuser("bench", "b@example.org", "pw")
        client = Client()
        client.force_login(user)
        for label, url in (
            ("admin view, first 100 rows, all languages", "/admin/translation-status/"),
            ("admin view, last page", f"/admin/translation-status/?p={(count + 99) // 100}"),
            ("admin view, German only", "/admin/translation-status/?locale=de"),
            ("admin view, in progress only", "/admin/translation-status/?state=in_progress"),
            ("CSV export, all pages and languages", "/admin/translation-status/export.csv"),
        ):
            client.get(url)
            started, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu) * 1000
            print(
                f"{label}: {elapsed:.0f} ms (CPU {cpu:.0f} ms), {len(queries)} queries "
                f"(HTTP {response.status_code})"
            )
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
