"""Real worker processes (`manage.py db_worker`) against a file database and a loopback ESP:
a worker killed with SIGKILL mid-send, a flaky ESP, and two workers at once on PostgreSQL.

The only duplicates allowed are the batch the ESP accepted in the instant before the worker
died, before its acknowledgement was written (one UPDATE after the ESP's answer).
"""

import shutil
import signal
import threading
import uuid
from collections import Counter
from pathlib import Path

import pytest

from .fake_esp import FakeMailgun, Reply
from .worker_processes import (
    migrate,
    seed,
    start_worker,
    stop_workers,
    wait_until_done,
    worker_env,
)

pytestmark = [pytest.mark.slow_subprocess]

POSTGRES = "postgres://postgres@127.0.0.1:5432/"


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test (migrating takes a while)."""
    path = tmp_path_factory.mktemp("faults") / "template.sqlite3"
    migrate(f"sqlite:///{path}")
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

    name = f"faults_workers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES + name
    migrate(url)
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
        env = worker_env(sqlite_url, esp)
        send_id = seed(env, 200)
        first = start_worker(env)
        try:
            assert caught.wait(60), "the worker never reached the third batch"
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            release.set()
        second = start_worker(env)
        try:
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(second)
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
        env = worker_env(sqlite_url, esp)
        send_id = seed(env, 300)
        worker = start_worker(env)
        try:
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(worker)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 300 and set(received.values()) == {1}
    assert state["statuses"] == {"sent": 300}


def test_two_workers_on_postgresql_share_a_send_without_duplicates_or_loss(postgres_url):
    def flaky(number, request):
        return Reply(500, {"message": "Internal error"}) if number % 7 == 0 else None

    with FakeMailgun(responder=flaky) as esp:
        env = worker_env(postgres_url, esp, DISPATCHERS=2, BATCH_SIZE=25)
        send_id = seed(env, 3000)
        workers = [start_worker(env), start_worker(env)]
        try:
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(*workers)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 3000 and set(received.values()) == {1}
    assert state["statuses"] == {"sent": 3000}
    assert len(state["workers"]) == 2  # both processes claimed batches
