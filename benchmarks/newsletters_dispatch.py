"""Newsletter dispatch throughput: N subscribers in three languages sent to a loopback Mailgun API
by one worker, through anymail's real Mailgun backend over HTTP.

Run: .venv/bin/python benchmarks/newsletters_dispatch.py [N ...]   (default: 10000 100000)
     PROFILE=1 ... prints where the dispatch spends its time (cProfile, cumulative;
     PROFILE_SORT=tottime sorts by time spent in each function itself).
Each N runs in its own process on a fresh SQLite file (migrated first, which takes a while), so
peak RSS is per run. The fake ESP runs in a separate process and keeps no message bodies, so
its memory is not counted. Prints recipients/second of the dispatch itself, API calls, database
queries per batch, the time to freeze the audience, and the worker's peak RSS.
"""

import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve_esp(port_out, stop_in, counts_out) -> None:
    """Child process: a loopback Mailgun that counts calls and recipients, storing nothing."""
    from tests.newsletters.fake_esp import FakeMailgun, Reply

    class CountingMailgun(FakeMailgun):
        calls = 0
        recipients = 0

        def _normal_reply(self, request) -> Reply:
            reply = super()._normal_reply(request)
            CountingMailgun.calls += 1
            CountingMailgun.recipients += len((request.form or {}).get("to", []))
            request.body, request.form, request.json = b"", None, None
            return reply

    with CountingMailgun() as esp:
        port_out.send(esp.url)
        stop_in.recv()
        counts_out.send(
            {"api_calls": CountingMailgun.calls, "accepted": CountingMailgun.recipients}
        )


def run_one(count: int) -> dict:
    """Seed `count` subscribers, send one issue to them, and measure (in this process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from wagtail.models import Locale, Page, Site

    from home.factories import HomePageFactory
    from newsletters import sending
    from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
    from newsletters.models import Delivery, Subscriber, email_hash
    from tests.newsletters.fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN

    call_command("migrate", verbosity=0)
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePageFactory(
        parent=Page.get_first_root_node(), slug="home-en", locale=Locale.get_default()
    )
    Site.objects.filter(is_default_site=True).update(root_page=home, hostname="testserver")
    issue = NewsletterPageFactory(parent=NewsletterIndexPageFactory(parent=home), slug="bench")
    languages = ["en", "de", "fr"]
    for start in range(0, count, 10_000):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n:07d}@example.org",
                email_hash=email_hash(f"reader{n:07d}@example.org"),
                language=languages[n % 3],
                status=Subscriber.Status.CONFIRMED,
            )
            for n in range(start, min(count, start + 10_000))
        )

    port_in, port_out = multiprocessing.Pipe()
    stop_in, stop_out = multiprocessing.Pipe()
    counts_in, counts_out = multiprocessing.Pipe()
    esp = multiprocessing.Process(target=serve_esp, args=(port_out, stop_in, counts_out))
    esp.start()
    url = port_in.recv()
    queries = 0
    rendering_queries = 0
    rendering = False

    def count_queries(execute, sql, params, many, context):
        nonlocal queries, rendering_queries
        queries += 1
        rendering_queries += rendering
        return execute(sql, params, many, context)

    # Queries made while an edition is rendered (once per language and worker run) are
    # counted apart, so the per-call figure shows what every further batch costs.
    render_edition = sending.Dispatcher.edition

    def counted_edition(self, language):
        nonlocal rendering
        rendering = True
        try:
            return render_edition(self, language)
        finally:
            rendering = False

    sending.Dispatcher.edition = counted_edition

    mailer = {"default": {"BACKEND": "anymail.backends.mailgun.EmailBackend"}}
    anymail = {
        "MAILGUN_API_KEY": MAILGUN_API_KEY,
        "MAILGUN_API_URL": url + "v3",
        "MAILGUN_SENDER_DOMAIN": MAILGUN_DOMAIN,
    }
    tasks = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(MAILERS=mailer, ANYMAIL=anymail, TASKS=tasks):
        send = sending.create_send(issue).send
        started = time.perf_counter()
        sending.start_send(send.pk)  # freezes the audience; the dummy backend queues nothing
        frozen = time.perf_counter() - started
        started = time.perf_counter()
        with connection.execute_wrapper(count_queries):
            if os.environ.get("PROFILE"):
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                status = profiler.runcall(sending.dispatch, send.pk)
                stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats(
                    os.environ.get("PROFILE_SORT", "cumulative")
                )
                stats.print_stats(45)
            else:
                status = sending.dispatch(send.pk)
        elapsed = time.perf_counter() - started
    stop_out.send(True)
    counts = counts_in.recv()
    esp.join()
    batch_size = sending.esp_profile(type("Mailgun", (), {"esp_name": "Mailgun"})()).batch_size
    sent = Delivery.objects.filter(send=send, status="sent").count()
    return {
        "subscribers": count,
        "status": status,
        "sent": sent,
        "accepted_by_esp": counts["accepted"],
        "api_calls": counts["api_calls"],
        "minimum_api_calls": -(-count // batch_size),
        "dispatch_seconds": round(elapsed, 2),
        "recipients_per_second": round(sent / elapsed),
        "queries_total": queries,
        "queries_per_batch": round(queries / max(counts["api_calls"], 1), 2),
        "rendering_queries": rendering_queries,
        "queries_per_batch_after_rendering": round(
            (queries - rendering_queries) / max(counts["api_calls"], 1), 2
        ),
        "freeze_seconds": round(frozen, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(sizes: list[int]) -> None:
    print(
        f"{'N':>8} {'rec/s':>7} {'API calls':>9} {'min':>5} {'q/batch':>7} "
        f"{'render q':>8} {'q/batch w/o render':>18} {'freeze s':>8} {'send s':>7} {'peak RSS':>9}"
    )
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                "DJANGO_SETTINGS_MODULE": "stempd.settings.test",
            }
            result = subprocess.run(
                [sys.executable, __file__, "--one", str(count)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                print(result.stderr[-3000:])
                raise SystemExit(1)
            if os.environ.get("PROFILE"):
                print(result.stderr[-12000:])
            row = json.loads(result.stdout.strip().splitlines()[-1])
        assert row["sent"] == count == row["accepted_by_esp"], row
        print(
            f"{row['subscribers']:>8} {row['recipients_per_second']:>7} {row['api_calls']:>9} "
            f"{row['minimum_api_calls']:>5} {row['queries_per_batch']:>7} "
            f"{row['rendering_queries']:>8} {row['queries_per_batch_after_rendering']:>18} "
            f"{row['freeze_seconds']:>8} {row['dispatch_seconds']:>7} {row['peak_rss_mb']:>6} MB"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
