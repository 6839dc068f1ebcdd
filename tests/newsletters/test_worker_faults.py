"""Real worker processes (`manage.py db_worker`) against a file database and a loopback ESP:
a worker killed with SIGKILL mid-send, a flaky ESP, and two workers at once on PostgreSQL.

The only duplicates allowed are the batch the ESP accepted in the instant before the worker
died, before its acknowledgement was written (one UPDATE after the ESP's answer).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from django.conf import settings

import pytest

from .fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN, FakeMailgun, Reply

pytestmark = [pytest.mark.slow_subprocess]

ROOT = Path(settings.BASE_DIR)
FAST = {
    "BATCH_SIZE": 20,
    "CLAIM_TIMEOUT": 2,
    "WATCHDOG_INTERVAL": 1,
    "HEARTBEAT_INTERVAL": 0.5,
    "RETRY_BASE_DELAY": 0.05,
    "RETRY_MAX_DELAY": 0.5,
}
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def _env(database_url: str, esp: FakeMailgun, **newsletters) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ANYMAIL_", "DJANGO_", "DATABASE_URL", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.newsletters.worker_settings",
        DATABASE_URL=database_url,
        EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend",
        ANYMAIL_MAILGUN_API_KEY=MAILGUN_API_KEY,
        ANYMAIL_MAILGUN_API_URL=esp.url + "v3",
        ANYMAIL_MAILGUN_SENDER_DOMAIN=MAILGUN_DOMAIN,
        NEWSLETTERS_JSON=json.dumps({**FAST, **newsletters}),
        PYTHONUNBUFFERED="1",
    )
    return env


def _run(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.1",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _report(env: dict, send_id: int) -> dict:
    return json.loads(_run(env, "-m", "tests.newsletters.worker_harness", "report", str(send_id)))


def _wait_until_done(env: dict, send_id: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _report(env, send_id)
        if state["status"] == "done":
            return state
        time.sleep(0.5)
    raise AssertionError(f"send not finished in time: {state}")


def _stop(*workers: subprocess.Popen) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test (migrating takes a while)."""
    path = tmp_path_factory.mktemp("faults") / "template.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "DATABASE_URL": f"sqlite:///{path}",
    }
    _run(env, "manage.py", "migrate", "--verbosity", "0")
    return path


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    path = tmp_path / "faults.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES + "postgres", connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL database, migrated, dropped afterwards."""
    if not _postgres_available():
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres)")
    import psycopg

    name = f"stempd_faults_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES + name
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "DATABASE_URL": url,
    }
    _run(env, "manage.py", "migrate", "--verbosity", "0")
    yield url
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_worker_killed_mid_send_is_finished_by_a_restarted_one(sqlite_url):
    caught = threading.Event()
    release = threading.Event()
    frozen: dict = {}

    def hold_third(number, request):
        if number == 3 and not caught.is_set():
            frozen["request"] = request
            caught.set()
            release.wait(30)  # the worker dies while the ESP "accepts" this batch
        return None

    with FakeMailgun(responder=hold_third) as esp:
        env = _env(sqlite_url, esp)
        send_id = int(_run(env, "-m", "tests.newsletters.worker_harness", "seed", "200"))
        first = _worker(env)
        try:
            assert caught.wait(60), "the worker never reached the third batch"
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            release.set()
        second = _worker(env)
        try:
            state = _wait_until_done(env, send_id)
        finally:
            _stop(second)
        received = Counter(esp.accepted_recipients())
    everyone = {f"reader{n:06d}@example.org" for n in range(200)}
    assert set(received) == everyone
    twice = {address for address, times in received.items() if times > 1}
    in_flight = set(frozen["request"].form["to"])
    assert twice <= in_flight  # duplicates only from the one batch in flight
    assert max(received.values()) <= 2
    assert state["statuses"] == {"sent": 200}


def test_a_flaky_esp_with_500s_and_429s_delivers_everyone_once(sqlite_url):
    def flaky(number, request):
        if number % 7 == 0:
            return Reply(500, {"message": "Internal error"})
        if number % 4 == 0:
            return Reply(429, {"message": "Slow down"}, {"Retry-After": "0"})
        return None

    with FakeMailgun(responder=flaky) as esp:
        env = _env(sqlite_url, esp)
        send_id = int(_run(env, "-m", "tests.newsletters.worker_harness", "seed", "300"))
        worker = _worker(env)
        try:
            state = _wait_until_done(env, send_id)
        finally:
            _stop(worker)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 300 and set(received.values()) == {1}
    assert state["statuses"] == {"sent": 300}


def test_two_workers_on_postgresql_share_a_send_without_duplicates_or_loss(postgres_url):
    def flaky(number, request):
        return Reply(500, {"message": "Internal error"}) if number % 7 == 0 else None

    with FakeMailgun(responder=flaky) as esp:
        env = _env(postgres_url, esp, DISPATCHERS=2, BATCH_SIZE=25)
        send_id = int(_run(env, "-m", "tests.newsletters.worker_harness", "seed", "3000"))
        workers = [_worker(env), _worker(env)]
        try:
            state = _wait_until_done(env, send_id)
        finally:
            _stop(*workers)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 3000 and set(received.values()) == {1}
    assert state["statuses"] == {"sent": 3000}
    assert len(state["workers"]) == 2  # both processes claimed batches
