"""Newsletter dispatch throughput: N subscribers in three languages sent to a loopback Mailgun API
by one worker, through anymail's real Mailgun backend over HTTP.

Run: .venv/bin/python benchmarks/newsletters_dispatch.py [--postgres] [N ...]
     (default: 10000 100000; --postgres runs each N on a fresh PostgreSQL database at
     127.0.0.1:5432, user postgres, made and dropped by the script, instead of SQLite)
     PROFILE=1 ... prints where the dispatch spends its time (cProfile, cumulative;
     PROFILE_SORT=tottime sorts by time spent in each function itself).
Each N runs in its own process on a fresh database (migrated first, which takes a while), so
peak RSS is per run. The loopback ESP answers at once (it counts recipients without decoding
the form), runs in a separate process and keeps no message bodies, so its memory is not
counted. Prints recipients/second of the dispatch itself, API calls, database queries per
batch, the time to freeze the audience, and the worker's peak RSS.

"anymail alone" is the same recipients sent again, in the same batches and with the same
links, by anymail alone (messages built, addresses parsed, Mailgun payload, HTTP) with
everything else prepared beforehand: the ceiling of a worker that sends through anymail.
"""

import json
import multiprocessing
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import fresh_database  # noqa: E402


def serve_esp(port_out, stop_in, counts_out) -> None:
    """Child process: an instant loopback Mailgun that counts calls and recipients.

    It checks the key and the path as Mailgun does and counts the `to` fields of the
    url-encoded form without decoding the rest (a value is percent-encoded, so `&to=` only
    starts a field): the time measured is the worker's, not a fake ESP's parsing.
    """
    import base64
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.newsletters.fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN

    expected_auth = "Basic " + base64.b64encode(f"api:{MAILGUN_API_KEY}".encode()).decode()
    counts = {"api_calls": 0, "accepted": 0}

    class InstantMailgun(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like the real API

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            recipients = body.count(b"&to=") + body.startswith(b"to=")
            if self.headers.get("Authorization") != expected_auth:
                status, reply = 401, {"message": "Invalid private key"}
            elif self.path != f"/v3/{MAILGUN_DOMAIN}/messages" or not recipients:
                status, reply = 400, {"message": "'to' parameter is missing"}
            else:
                counts["api_calls"] += 1
                counts["accepted"] += recipients
                message_id = f"<{counts['api_calls']}@{MAILGUN_DOMAIN}>"
                status, reply = 200, {"id": message_id, "message": "Queued. Thank you."}
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), InstantMailgun)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port_out.send(f"http://127.0.0.1:{server.server_address[1]}/")
    stop_in.recv()
    server.shutdown()
    counts_out.send(counts)


class LoopbackEsp:
    """The instant loopback Mailgun in its own process: `with` gives its URL, `counts` after."""

    def __enter__(self) -> str:
        port_in, port_out = multiprocessing.Pipe()
        self._stop_in, self._stop_out = multiprocessing.Pipe()
        self._counts_in, counts_out = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=serve_esp, args=(port_out, self._stop_in, counts_out)
        )
        self._process.start()
        return port_in.recv()

    def __exit__(self, *exc_info: object) -> None:
        self._stop_out.send(True)
        self.counts = self._counts_in.recv()
        self._process.join()


def mailgun_settings(url: str) -> dict:
    """MAILERS and ANYMAIL for anymail's real Mailgun backend talking to `url`."""
    from tests.newsletters.fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN

    return {
        "MAILERS": {"default": {"BACKEND": "anymail.backends.mailgun.EmailBackend"}},
        "ANYMAIL": {
            "MAILGUN_API_KEY": MAILGUN_API_KEY,
            "MAILGUN_API_URL": url + "v3",
            "MAILGUN_SENDER_DOMAIN": MAILGUN_DOMAIN,
        },
    }


def anymail_alone(send, batch_size: int) -> float:
    """Seconds anymail alone takes to send the same batches to a fresh instant ESP.

    The same recipients (one language per batch, as claims hold), editions and links as the
    dispatch, all prepared before the clock starts. What is timed is the dispatcher's own
    `batch_message` and anymail's send (address parsing, the Mailgun payload, the HTTP call):
    the ceiling of any worker that sends through anymail.
    """
    from django.test.utils import override_settings

    from newsletters.models import Delivery
    from newsletters.sending import Claimed, Dispatcher
    from newsletters.sending.claims import SubscriberNow

    by_language: dict[str, list[Claimed]] = {}
    for row in Delivery.objects.filter(send=send).select_related("subscriber").order_by("id"):
        person = row.subscriber
        now = SubscriberNow(person.email, person.language, person.token_key, person.status, False)
        by_language.setdefault(row.language, []).append(
            Claimed(row.id, person.pk, row.email, row.language, 1, now)
        )
    esp = LoopbackEsp()
    with esp as url, override_settings(**mailgun_settings(url)):
        dispatcher = Dispatcher(send=send)
        dispatcher.open()
        batches = []
        for language, rows in by_language.items():
            dispatcher.edition(language)  # rendered once per language, as in the dispatch
            for start in range(0, len(rows), batch_size):
                batches.append(dispatcher.recipients(rows[start : start + batch_size])[0])
        started = time.perf_counter()
        for recipients in batches:
            dispatcher.backend.send_messages([dispatcher.batch_message(recipients)])
        elapsed = time.perf_counter() - started
        dispatcher.close()
    assert esp.counts["accepted"] == sum(len(rows) for rows in by_language.values()), esp.counts
    return elapsed


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

    from newsletters import sending
    from newsletters.models import Delivery, Subscriber, email_hash
    from tests.factories.home import HomePageFactory
    from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory

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

    esp = LoopbackEsp()
    tasks = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with esp as url, override_settings(TASKS=tasks, **mailgun_settings(url)):
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
    counts = esp.counts
    batch_size = sending.esp_profile(type("Mailgun", (), {"esp_name": "Mailgun"})()).batch_size
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before anymail's turn
    alone = anymail_alone(send, batch_size)
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
        "anymail_alone_per_second": round(sent / alone),
        "queries_total": queries,
        "queries_per_batch": round(queries / max(counts["api_calls"], 1), 2),
        "rendering_queries": rendering_queries,
        "queries_per_batch_after_rendering": round(
            (queries - rendering_queries) / max(counts["api_calls"], 1), 2
        ),
        "freeze_seconds": round(frozen, 2),
        "peak_rss_mb": round(peak_rss / 1024),
    }


def main(sizes: list[int], postgres: bool) -> None:
    print(f"{'PostgreSQL' if postgres else 'SQLite'}, one worker, instant loopback Mailgun")
    print(
        f"{'N':>8} {'rec/s':>7} {'anymail alone':>13} {'API calls':>9} {'min':>5} {'q/batch':>7} "
        f"{'render q':>8} {'q/batch w/o render':>18} {'freeze s':>8} {'send s':>7} {'peak RSS':>9}"
    )
    for count in sizes:
        with fresh_database(postgres, prefix="stempd_dispatch_bench") as database_url:
            env = {
                **os.environ,
                "DATABASE_URL": database_url,
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
            f"{row['subscribers']:>8} {row['recipients_per_second']:>7} "
            f"{row['anymail_alone_per_second']:>13} {row['api_calls']:>9} "
            f"{row['minimum_api_calls']:>5} {row['queries_per_batch']:>7} "
            f"{row['rendering_queries']:>8} {row['queries_per_batch_after_rendering']:>18} "
            f"{row['freeze_seconds']:>8} {row['dispatch_seconds']:>7} {row['peak_rss_mb']:>6} MB"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        arguments = sys.argv[1:]
        postgres = "--postgres" in arguments
        sizes = [int(arg) for arg in arguments if arg != "--postgres"]
        main(sizes or [10_000, 100_000], postgres)
