"""Real worker processes (`manage.py db_worker`) against a file database and a loopback ESP:
a worker killed with SIGKILL mid-send, a flaky ESP, and two workers at once on PostgreSQL.

The only duplicates allowed are the recipients of the one ESP call the worker had in flight when
it died (outcomes are written after every call). A restarted worker, or another one already
running, is sending again within seconds, and takes the dead worker's batch over within a few
heartbeat intervals: claims belong to live dispatchers (heartbeats).
"""

import shutil
import signal
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.ci import in_ci
from tests.ports import free_port

from .fake_esp import FakeMailgun, Reply
from .worker_processes import (
    migrate,
    report,
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
    except Exception:  # noqa: BLE001 - any failure means no PostgreSQL to test on
        return False


def postgres_or_skip() -> None:
    """Go on when PostgreSQL answers; else skip on a laptop, and fail in CI, where the
    takeover and the two-worker promises must be shown on PostgreSQL as well as SQLite."""
    if _postgres_available():
        return
    message = f"PostgreSQL is not reachable at {POSTGRES} (user postgres)"
    if in_ci():
        pytest.fail(
            f"{message}. In CI a PostgreSQL test that cannot run is a failure.", pytrace=False
        )
    pytest.skip(message)


@pytest.fixture(scope="module")
def postgres_template():
    """A migrated PostgreSQL database to copy for each test, dropped afterwards."""
    postgres_or_skip()
    import psycopg

    name = f"faults_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    migrate(POSTGRES + name)
    yield name
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_template):
    """A throwaway PostgreSQL database copied from the migrated template."""
    import psycopg

    name = f"faults_workers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    yield POSTGRES + name
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@pytest.mark.parametrize(
    ("ci", "stop"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_without_postgresql_the_worker_tests_fail_in_ci_and_skip_elsewhere(monkeypatch, ci, stop):
    nobody = f"postgres://postgres@127.0.0.1:{free_port()}/"  # nothing listens there
    monkeypatch.setattr(f"{__name__}.POSTGRES", nobody)
    monkeypatch.setenv("CI", ci)
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as stopped:
        postgres_or_skip()
    assert isinstance(stopped.value, stop)
    assert "PostgreSQL is not reachable" in str(stopped.value)


# The production defaults: the promises must hold with them, not with test timeouts.
PRODUCTION_LIVENESS = {"HEARTBEAT_INTERVAL": 3, "WATCHDOG_INTERVAL": 10}


def test_a_worker_killed_mid_send_and_restarted_sends_again_within_30_seconds(database_url):
    caught = threading.Event()
    release = threading.Event()
    frozen: dict = {}
    calls: list[float] = []

    def hold_third(number, request):
        calls.append(time.monotonic())
        if number == 3 and not caught.is_set():
            frozen["request"] = request
            caught.set()
            release.wait(30)  # the worker dies while the ESP "accepts" this batch
        return None

    with FakeMailgun(responder=hold_third) as esp:
        env = worker_env(database_url, esp, **PRODUCTION_LIVENESS)
        send_id = seed(env, 200)
        first = start_worker(env)
        try:
            assert caught.wait(60), "the worker never reached the third batch"
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            release.set()
        restarted_at = time.monotonic()
        second = start_worker(env)
        try:
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(second)
        received = Counter(esp.accepted_recipients())
    resumed_after = min(moment for moment in calls if moment > restarted_at) - restarted_at
    assert resumed_after < 30, f"sending resumed {resumed_after:.1f} s after the restart"
    everyone = {f"reader{n:06d}@example.org" for n in range(200)}
    assert set(received) == everyone
    twice = {address for address, times in received.items() if times > 1}
    in_flight = set(frozen["request"].form["to"])
    assert twice <= in_flight  # duplicates only from the one ESP call in flight
    assert max(received.values()) <= 2
    assert state["statuses"] == {"sent": 200}


# A dead worker's claim is given up after three silent heartbeats (the README's promise); the
# survivor looks again within one more interval; one interval of slack for a loaded machine.
TAKEOVER_INTERVALS = 5


def test_a_killed_workers_claimed_batch_is_taken_over_within_a_few_heartbeats(database_url):
    """Measured from the SIGKILL to the first ESP call that carries a recipient of the batch
    the dead worker held, that is when those readers get their mail. The other worker is
    already running at the kill (the one a supervisor restarted, or a second machine's), so the
    bound holds the heartbeats to account, not how fast a process starts on a loaded machine."""
    caught = threading.Event()
    release = threading.Event()
    frozen: dict = {}
    calls: list[tuple[float, set[str]]] = []

    def hold_third(number, request):
        calls.append((time.monotonic(), set((request.form or {}).get("to", []))))
        if number == 3 and not caught.is_set():
            frozen["request"] = request
            caught.set()
            release.wait(180)  # the worker dies while the ESP "accepts" this batch
        return None

    with FakeMailgun(responder=hold_third) as esp:
        env = worker_env(database_url, esp, **PRODUCTION_LIVENESS)
        send_id = seed(env, 200)
        doomed = start_worker(env)
        survivor = None
        try:
            assert caught.wait(60), "the worker never reached the third batch"
            survivor = start_worker(env)
            deadline = time.monotonic() + 90
            while len(calls) < 4:  # the survivor is up and sending the pending rows
                assert time.monotonic() < deadline, "the second worker never sent"
                time.sleep(0.05)
            doomed.send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
            doomed.wait(10)
            release.set()
            state = wait_until_done(env, send_id)
        finally:
            release.set()
            stop_workers(*[worker for worker in (doomed, survivor) if worker])
        received = Counter(esp.accepted_recipients())
    in_flight = set(frozen["request"].form["to"])
    taken_over_at = min(moment for moment, to in calls if moment > killed_at and to & in_flight)
    taken_over_after = taken_over_at - killed_at
    bound = TAKEOVER_INTERVALS * PRODUCTION_LIVENESS["HEARTBEAT_INTERVAL"]
    assert taken_over_after < bound, (
        f"the dead worker's batch went out {taken_over_after:.1f} s after the kill "
        f"(promised within {bound} s, {TAKEOVER_INTERVALS} heartbeat intervals)"
    )
    assert set(received) == {f"reader{n:06d}@example.org" for n in range(200)}
    assert {address for address, times in received.items() if times > 1} <= in_flight
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
        env = worker_env(postgres_url, esp, BATCH_SIZE=25)  # no setting: both join
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


def test_two_workers_on_postgresql_one_killed_the_other_finishes_without_a_restart(postgres_url):
    def slow(number, request):
        time.sleep(0.02)
        return None

    with FakeMailgun(responder=slow) as esp:
        env = worker_env(postgres_url, esp, BATCH_SIZE=25, **PRODUCTION_LIVENESS)
        send_id = seed(env, 3000)
        doomed, survivor = start_worker(env), start_worker(env)
        try:
            deadline = time.monotonic() + 60
            while len({r.client_port for r in esp.requests}) < 2 or len(esp.requests) < 20:
                assert time.monotonic() < deadline, "the two workers never both sent"
                time.sleep(0.05)
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(10)
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(doomed, survivor)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 3000
    twice = [address for address, times in received.items() if times > 1]
    assert len(twice) <= 25  # at most the one ESP call the killed worker had in flight
    assert state["statuses"] == {"sent": 3000}


def test_two_processes_claiming_on_sqlite_never_take_the_same_delivery(sqlite_url, tmp_path):
    import json
    import subprocess
    import sys

    from .worker_processes import ROOT

    with FakeMailgun() as esp:
        env = worker_env(sqlite_url, esp, HEARTBEAT_INTERVAL=600)  # claims stay theirs
        send_id = seed(env, 1500)
        env["CLAIM_GO"] = str(tmp_path / "go")
        command = [sys.executable, "-m", "tests.newsletters.worker_harness", "claim", str(send_id)]
        claimers = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
            for _ in range(2)
        ]
        # Both set up (Django loaded, send started) before either claims: on a loaded machine
        # a fixed pause let one claimer take everything before the other was ready.
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("go.ready.*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        (tmp_path / "go").touch()  # claim at the same moment
        outputs = [claimer.communicate(timeout=120)[0] for claimer in claimers]
        assert [claimer.returncode for claimer in claimers] == [0, 0]
        state = report(env, send_id)
    first, second = (set(json.loads(output)) for output in outputs)
    assert first and second  # both took part
    assert not first & second  # no delivery claimed twice
    assert len(first) + len(second) == 1500
    assert state["statuses"] == {"claimed": 1500}


def test_a_slow_esp_call_keeps_its_claim_alive_no_other_worker_resends_it(sqlite_url):
    """The ESP takes eight times the claim's silence limit to answer one call: the heartbeat
    thread keeps beating meanwhile, so the second worker never takes that batch over."""

    def slow_second_call(number, request):
        if number == 2:
            time.sleep(4)  # the silence limit is 1.5 s (heartbeat every 0.5 s)
        return None

    with FakeMailgun(responder=slow_second_call) as esp:
        env = worker_env(sqlite_url, esp)
        send_id = seed(env, 120)
        workers = [start_worker(env), start_worker(env)]
        try:
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(*workers)
        received = Counter(esp.accepted_recipients())
    assert len(received) == 120 and set(received.values()) == {1}
    assert state["statuses"] == {"sent": 120}
