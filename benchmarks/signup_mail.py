"""Seconds from a newsletter sign-up POST to its confirmation mail file, with the task queue
empty, right after the demo load, and right after a bulk publish of 200 pages.

Run: .venv/bin/python benchmarks/signup_mail.py [--postgres]
On a fresh database (SQLite, or PostgreSQL at benchmarks.databases.POSTGRES with --postgres) it
migrates, loads the demo, and starts `manage.py run_site` as `make run` does (the development
server and one database task worker). Each sign-up is an HTTP POST to the running site; the clock
stops when the mail's `.txt` file appears in a temporary mail folder. Beside each figure it
prints the housekeeping queued when the sign-up came (ready tasks, mostly Wagtail's search and
reference-index tasks) and how long the worker took to finish it: a confirmation that waited
behind the queue would take at least that long.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.databases import fresh_database  # noqa: E402

BULK_PAGES = 200
TIMEOUT = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ready_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


def wait_for(condition, what: str, interval: float = 0.02) -> float:
    """Poll `condition` until it holds; the seconds it took."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > TIMEOUT:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(interval)
    return time.perf_counter() - started


def mail_to(folder: Path, address: str) -> bool:
    return any(f"To: {address}" in path.read_text() for path in folder.glob("*.txt"))


def sign_up(base_url: str, mail_dir: Path, label: str, number: int) -> None:
    """POST a sign-up, time its mail, then time the worker through what was queued before it."""
    address = f"reader-{number}@example.org"
    data = urllib.parse.urlencode(
        {"email": address, "language": "en", "consent": "on", "website": ""}
    ).encode()
    backlog = ready_tasks()
    started = time.perf_counter()
    urllib.request.urlopen(f"{base_url}/en/newsletter/subscribe/", data, timeout=30).close()
    mail = time.perf_counter() - started
    mail += wait_for(lambda: mail_to(mail_dir, address), f"the mail to {address}")
    drained = time.perf_counter() - started
    drained += wait_for(lambda: ready_tasks() == 0, "an empty queue", interval=0.2)
    print(f"{label:<34}{mail:>10.2f}{backlog:>10,}{drained:>16.1f}")


def bulk_publish(count: int) -> float:
    """Publish `count` draft pages in one transaction, as the admin's bulk action does."""
    from django.db import transaction

    from wagtail.models import Page

    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="en")
    drafts = []
    for number in range(count):
        page = StandardPage(title=f"Bulk page {number}", slug=f"bulk-{number}", live=False)
        home.add_child(instance=page)
        drafts.append(page.save_revision())
    wait_for(lambda: ready_tasks() == 0, "the drafts' housekeeping", interval=0.2)
    started = time.perf_counter()
    with transaction.atomic():
        for revision in drafts:
            revision.publish()
    assert Page.objects.filter(slug__startswith="bulk-", live=True).count() == count
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    arguments = parser.parse_args()
    with fresh_database(arguments.postgres) as url, tempfile.TemporaryDirectory() as folder:
        mail_dir = Path(folder) / "mail"
        mail_dir.mkdir()
        os.environ.update(
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="stempd.settings.dev",
            EMAIL_FILE_PATH=str(mail_dir),
            DEMO_ADMIN_PASSWORD="benchmark-only",
        )
        import django
        from django.core.management import call_command

        django.setup()
        from demo import builders as demo

        # The demo login goes to the temporary folder, not the checkout's var/.
        demo.credentials_path = lambda: Path(folder) / "demo-credentials.txt"
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"load_demo_content: {time.perf_counter() - started:.0f} s")

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        site = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "run_site", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_for(lambda: _answers(base_url), "the site", interval=0.2)
            print(f"{'sign-up':<34}{'mail (s)':>10}{'queued':>10}{'queue done (s)':>16}")
            sign_up(base_url, mail_dir, "right after the demo load", 1)
            sign_up(base_url, mail_dir, "empty queue", 2)
            seconds = bulk_publish(BULK_PAGES)
            sign_up(base_url, mail_dir, f"after publishing {BULK_PAGES} pages", 3)
            print(f"(the {BULK_PAGES} publishes took {seconds:.1f} s)")
        finally:
            os.killpg(site.pid, 15)
            site.wait(timeout=30)
            from django.db import connections

            connections.close_all()


def _answers(base_url: str) -> bool:
    try:
        urllib.request.urlopen(f"{base_url}/en/", timeout=5).close()
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
