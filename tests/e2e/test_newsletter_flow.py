"""Communications staff compose, preview, test and send a newsletter issue in a real browser.

Everything the staff member does goes through Chromium and the admin on Django's live server;
the ORM only sets the scene (staff user, archive, subscribers) and checks the outcome. Sending
goes through the real task machinery: django-tasks-db's database backend and its worker, and
anymail's Mailgun backend talking HTTP to the loopback Mailgun in `tests.newsletters.fake_esp`.

On PostgreSQL the worker is a real `manage.py db_worker` process sharing the test database. On
SQLite the live server's test database lives in this process's memory, out of a child process's
reach, so the same django-tasks-db `Worker` runs in a background thread instead.
"""

import logging
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connection, connections

import pytest
from playwright.sync_api import expect

from newsletters.audience.tokens import Purpose, read_token
from newsletters.models import NewsletterPage, Send, Subscriber, VerifiedAddress
from tests.e2e.conftest import save_screenshots
from tests.factories.newsletters import NewsletterIndexPageFactory, SubscriberFactory
from tests.newsletters.fake_esp import FakeMailgun
from tests.newsletters.worker_processes import worker_env
from translation.groups import ensure_staff_group

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(django_settings.BASE_DIR)
STAFF_EMAIL = "comms@stem-pd-net.example"
STAFF_PASSWORD = "correct horse battery staple 42"
SUBJECT = "Spring news from the STEM PD centres"
INTRO = "Three new courses, one new partner and a date for the network meeting."
TITLE = "Spring issue"
BODY_LEAD = "Our partners in Ljubljana opened"
BODY_BOLD = "a makerspace for teachers"
# Short waits so the flow stays well under a minute; the watchdog never fires in this test.
DISPATCH = {"HEARTBEAT_INTERVAL": 0.5, "WATCHDOG_INTERVAL": 120, "RETRY_BASE_DELAY": 0.1}
WORKER_INTERVAL = 0.2
ESP_WAIT = 20.0
WORKER_LOG = logging.getLogger("django_tasks_db")
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s\"'<>]+/newsletter/unsubscribe/([^/\s\"'<>]+)/")


# --- Set-up -------------------------------------------------------------------------------------


@pytest.fixture
def staff_member(locales):
    """A member of the communications staff group (the group `setup_translator_groups` makes),
    whose own address is verified for test sends (the link's round trip is in
    tests/newsletters/test_test_send_recipients.py)."""
    user = get_user_model().objects.create_user(
        username="comms",
        email=STAFF_EMAIL,
        password=STAFF_PASSWORD,
        first_name="Kim",
        last_name="Comms",
    )
    user.groups.add(ensure_staff_group())
    VerifiedAddress.objects.create(user=user, email=STAFF_EMAIL)
    return user


@pytest.fixture
def audience(locales) -> dict[str, list[Subscriber]]:
    """Confirmed readers in English and German, and one who never confirmed."""
    return {
        "confirmed": [
            SubscriberFactory(email="ana@example.org", language="en"),
            SubscriberFactory(email="ben@example.org", language="en"),
            SubscriberFactory(email="clara@example.de", language="de"),
        ],
        "pending": [
            SubscriberFactory(
                email="dora@example.de",
                language="de",
                status=Subscriber.Status.PENDING,
                confirmed_at=None,
            )
        ],
    }


@pytest.fixture
def archive(home_page):
    """The English newsletter archive, where staff add the issue."""
    return NewsletterIndexPageFactory(parent=home_page)


@pytest.fixture
def fake_mailgun() -> Iterator[FakeMailgun]:
    """Mailgun's API on loopback, recording every message the site hands it."""
    with FakeMailgun() as esp:
        yield esp


@pytest.fixture
def sending_site(settings, live_server, fake_mailgun):
    """The live server as in production: tasks go to the database, mail to the ESP's API.

    The test settings run tasks inside the request; here the request only queues them, as in
    production, and the worker started by `task_worker` sends.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "BASE_URL": live_server.url, **DISPATCH}
    with fake_mailgun.settings():
        yield live_server


class TakeTurns:
    """Lets the live server's requests and the worker thread use one SQLite connection in turn.

    The in-memory test database is one connection that the live server's threads share; a second
    connection to it fails with "database schema is locked" whenever both write. So the worker
    thread borrows that connection too, and waits while requests run (and they while it works).
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._requests = 0
        self._worker_busy = False

    def request_started(self, **_kwargs) -> None:
        with self._condition:
            self._condition.wait_for(lambda: not self._worker_busy)
            self._requests += 1

    def request_finished(self, **_kwargs) -> None:
        with self._condition:
            self._requests = max(0, self._requests - 1)
            self._condition.notify_all()

    @contextmanager
    def worker_turn(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: self._requests == 0)
            self._worker_busy = True
        try:
            yield
        finally:
            with self._condition:
                self._worker_busy = False
                self._condition.notify_all()


class ThreadWorker:
    """django-tasks-db's worker in a thread of this process, one task per turn (see `TakeTurns`)."""

    def __init__(self) -> None:
        self.turns = TakeTurns()
        self.shared = connections[DEFAULT_DB_ALIAS]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="db-worker", daemon=True)
        self._log_level = WORKER_LOG.level
        self.error: BaseException | None = None

    def start(self) -> "ThreadWorker":
        # One worker run per turn would log "Starting worker" five times a second.
        WORKER_LOG.setLevel(logging.WARNING)
        self.shared.inc_thread_sharing()
        request_started.connect(self.turns.request_started)
        request_finished.connect(self.turns.request_finished)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self._thread.join(timeout=15)
        request_started.disconnect(self.turns.request_started)
        request_finished.disconnect(self.turns.request_finished)
        self.shared.dec_thread_sharing()
        WORKER_LOG.setLevel(self._log_level)
        if self.error is not None:
            raise RuntimeError("The worker thread crashed") from self.error

    def _run(self) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        connections[DEFAULT_DB_ALIAS] = self.shared  # as Django's LiveServerThread does
        while not self._stop.is_set():
            worker = Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=1,
                worker_id="e2e-thread-worker",
                excluded_queue_names=[],
            )
            with self.turns.worker_turn():
                try:
                    worker.run()
                except BaseException as error:  # noqa: BLE001 - a crash, not a failed task: report it at stop()
                    self.error = error
                    return
            if not worker._run_tasks:
                self._stop.wait(WORKER_INTERVAL)


class ProcessWorker:
    """`manage.py db_worker` on the test database, configured by environment as in production."""

    def __init__(self, live_server_url: str, esp: FakeMailgun) -> None:
        database = connection.settings_dict
        login = quote(database["USER"] or "", safe="")
        if database["PASSWORD"]:
            login += ":" + quote(database["PASSWORD"], safe="")
        url = (
            f"postgres://{login}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
        # The worker tests' environment (production settings sources, loopback Mailgun).
        self.env = worker_env(url, esp, **DISPATCH, BASE_URL=live_server_url)
        self.process: subprocess.Popen | None = None

    def start(self) -> "ProcessWorker":
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            str(WORKER_INTERVAL),
            "--verbosity",
            "0",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self

    def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.terminate()
        try:
            output, _ = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        if output.strip():
            sys.stdout.write(f"db_worker output:\n{output[-3000:]}\n")


@pytest.fixture
def task_worker(sending_site, fake_mailgun, archive, audience, staff_member):
    """A django-tasks-db worker running queued tasks, started once the scene is set."""
    if connection.vendor == "postgresql":
        worker = ProcessWorker(sending_site.url, fake_mailgun).start()
    else:
        worker = ThreadWorker().start()
    try:
        yield worker
    finally:
        worker.stop()


# --- Helpers ------------------------------------------------------------------------------------


def _wait_for(condition, what: str, timeout: float = ESP_WAIT):
    """Poll `condition` until it returns something truthy; fail saying what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}")


def _log_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Username").fill("comms")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("^Dashboard"))


# --- The flow -----------------------------------------------------------------------------------


def test_staff_compose_preview_test_and_send_an_issue_to_confirmed_subscribers(
    sending_site, task_worker, fake_mailgun, page, archive, audience
):
    base = sending_site.url

    _log_in(page, base)
    save_screenshots(page, "newsletter-01-dashboard")

    page.goto(f"{base}/admin/pages/{archive.pk}/add_subpage/")
    page.get_by_placeholder("Page title*").fill(TITLE)
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Preheader").fill(INTRO)
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("#body-root").get_by_role("textbox")
    editor.click()
    page.keyboard.type(BODY_LEAD + " ")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type(BODY_BOLD)
    page.keyboard.press("ControlOrMeta+b")
    save_screenshots(page, "newsletter-02-composed")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text(f"Page '{TITLE}' created.")

    page.get_by_role("button", name="Toggle preview").click()
    page.get_by_label("Preview mode").select_option(label="Email")
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Preview in new tab").click()
    email = new_tab.value
    email.wait_for_load_state()
    expect(email).to_have_title(SUBJECT)
    expect(email.locator("body")).to_contain_text(INTRO)
    expect(email.locator("b").filter(has_text=BODY_BOLD)).to_be_visible()
    save_screenshots(email, "newsletter-03-email-preview")
    email.close()

    _open_send_screen(page)
    page.get_by_label("Send a test to").fill(STAFF_EMAIL)
    page.get_by_role("button", name="Send test").click()
    expect(page.get_by_role("status")).to_contain_text(f"Test sent to {STAFF_EMAIL}")
    save_screenshots(page, "newsletter-04-test-sent")
    [test_message] = _wait_for(fake_mailgun.messages, "the test email to reach the ESP")
    assert test_message["To"] == STAFF_EMAIL
    assert test_message["Subject"] == f"[Test] {SUBJECT}"
    assert INTRO in test_message["HtmlBody"]
    assert f"<b>{BODY_BOLD}</b>" in test_message["HtmlBody"]
    assert BODY_BOLD in test_message["TextBody"]

    page.get_by_role("link", name="Back to editing this issue").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("published")
    page.get_by_role("link", name=TITLE).first.click()
    _open_send_screen(page)
    page.get_by_role("button", name="Review the audience").click()
    audience_table = page.locator("main").get_by_role("table")
    expect(audience_table).to_contain_text("English")
    save_screenshots(page, "newsletter-05-audience")
    rows = _table_rows(audience_table)
    assert sorted(row[:2] for row in rows[:-1]) == [["English", "2"], ["German", "1"]], rows
    assert rows[-1][:2] == ["Total", "3"], "the unconfirmed reader is not counted"
    # The issue has no German version: the review says so, and staff choose what Germans get.
    expect(page.locator("[data-fallback-warning]")).to_contain_text(
        "1 recipient reads a language this issue has no published translation in."
    )
    page.get_by_role("button", name="Confirm and send now").click()
    expect(page.get_by_text("Choose what readers in German receive.")).to_be_visible()
    german = page.get_by_role("group", name=re.compile("What readers in German receive"))
    german.get_by_label("Send the source language").check()
    page.get_by_role("button", name="Confirm and send now").click()
    expect(page.get_by_role("status")).to_contain_text("The issue is being sent.")
    save_screenshots(page, "newsletter-06-sending")

    # The screen reloads itself every few seconds while the send runs; wait as a person would
    # until it reports every recipient sent and stops reloading.
    main = page.locator("main")
    expect(main.locator("tr", has_text="All languages").locator("td")).to_have_text(
        ["3", "3", "0", "0", "0", "0", "0", "0"], timeout=30_000
    )
    expect(main.locator("tr", has_text="All subscribers").locator("td")).to_have_text(
        [re.compile("."), "comms", "Subscribers", "All subscribers", "Sent", "3"]
    )
    expect(main.get_by_role("heading", name="Sending now")).to_have_count(0)
    expect(page.locator("meta[http-equiv='refresh']")).to_have_count(0)
    expect(main.get_by_role("heading", name="Latest send")).to_be_visible()
    expect(main.locator("progress")).to_have_attribute("value", "100")
    expect(main).to_contain_text("Sent: 3 of 3 recipients sent.")
    main.get_by_role("heading", name="Statistics").scroll_into_view_if_needed()
    save_screenshots(page, "newsletter-07-sent")

    task_worker.stop()
    messages = [m for m in fake_mailgun.messages() if not m["Subject"].startswith("[Test]")]
    confirmed = {person.email: person for person in audience["confirmed"]}
    assert sorted(m["To"] for m in messages) == sorted(confirmed), "one email per reader"
    assert "dora@example.de" not in fake_mailgun.recipients(), "never confirmed: no email"
    for message in messages:
        person = confirmed[message["To"]]
        assert message["Subject"] == SUBJECT
        assert f"<b>{BODY_BOLD}</b>" in message["HtmlBody"]
        [token] = set(UNSUBSCRIBE_LINK.findall(message["HtmlBody"]))
        assert read_token(token, Purpose.UNSUBSCRIBE).subscriber_id == person.pk
        assert token in message["Headers"]["List-Unsubscribe"]
    issue = NewsletterPage.objects.get(title=TITLE)
    assert issue.live
    assert Send.objects.get(page=issue, is_test=False).status == Send.Status.DONE


def _open_send_screen(page) -> None:
    """From an issue's edit screen, the "Send newsletter" action in the header's menu."""
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Send newsletter").click()
    expect(page.get_by_role("heading", name="Send a test")).to_be_visible()


def _table_rows(table) -> list[list[str]]:
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
