"""Outages a real worker process must ride out: the ESP unreachable for far longer than
`MAX_ATTEMPTS` backoffs, and the PostgreSQL server restarted (or down for ten seconds) in the
middle of a send. Nothing may be lost, and each person gets the issue once.

The database tests run a private PostgreSQL server (`pg_cluster`), never the machine's shared
one. The worker must survive the restart itself: dispatch waits for the database and writes
the outcome of the batch the ESP accepted while the database was away, so not even that batch
goes out twice. (A worker that is *idle* when the database goes away exits from the task
library's polling loop; its supervisor restarts it: systemd's `Restart=always` does.)
"""

import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

import pytest

from .fake_esp import FakeMailgun, Reply
from .pg_cluster import PrivateCluster
from .worker_processes import (
    ROOT,
    migrate,
    report,
    seed,
    start_worker,
    stop_workers,
    wait_until_done,
    worker_env,
)

pytestmark = [pytest.mark.slow_subprocess]


def _everyone(count: int) -> set[str]:
    return {f"reader{n:06d}@example.org" for n in range(count)}


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'outage.sqlite3'}"
    migrate(url)
    return url


def test_an_esp_outage_far_longer_than_max_attempts_loses_nobody(sqlite_url):
    second = threading.Event()

    def note_second(number, request):
        if number == 2:
            second.set()
        return None

    with FakeMailgun(responder=note_second) as esp:
        # Three tries, 0.05-0.5 s apart, would give up after about a second; the outage lasts 8.
        env = worker_env(sqlite_url, esp, MAX_ATTEMPTS=3)
        send_id = seed(env, 200)
        worker = start_worker(env)
        try:
            assert second.wait(60), "the worker never sent a batch"
            esp.go_down()  # connections refused
            time.sleep(4)
            esp.responder = lambda number, request: Reply(503, {"message": "Unavailable"})
            esp.come_back()
            time.sleep(4)
            esp.responder = None
            state = wait_until_done(env, send_id)
        finally:
            stop_workers(worker)
        received = Counter(esp.accepted_recipients())
        refused = [request for request in esp.requests if request.reply_status == 503]
    assert state["statuses"] == {"sent": 200}  # nobody failed
    assert set(received) == _everyone(200)
    assert set(received.values()) == {1}
    assert refused, "the ESP never answered 503 during the outage"
    assert state["max_attempts"] > 3 * 3, state  # the outage outlasted MAX_ATTEMPTS many times


@pytest.fixture(scope="module")
def cluster():
    """A private PostgreSQL server with a migrated template database."""
    reason = PrivateCluster.unavailable()
    if reason:
        pytest.skip(f"cannot restart a database here: {reason}")
    server = PrivateCluster().create()
    try:
        server.execute("CREATE DATABASE faults_template")
        migrate(server.url("faults_template"))
        yield server
    finally:
        server.destroy()


@pytest.fixture
def cluster_url(cluster) -> str:
    name = f"faults_{uuid.uuid4().hex[:8]}"
    cluster.execute(f'CREATE DATABASE "{name}" TEMPLATE faults_template')
    return cluster.url(name)


@pytest.mark.parametrize("outage", ["restart", "down for ten seconds"])
def test_a_database_restart_mid_send_loses_nobody_and_sends_nobody_twice(
    cluster, cluster_url, outage
):
    arrived = threading.Event()
    release = threading.Event()

    def hold_fifth(number, request):
        if number == 5 and not arrived.is_set():
            arrived.set()
            release.wait(30)  # the ESP accepts this batch while the database is away
        return None

    with FakeMailgun(responder=hold_fifth) as esp:
        env = worker_env(cluster_url, esp, BATCH_SIZE=10)
        send_id = seed(env, 300)
        worker = start_worker(env)
        try:
            assert arrived.wait(60), "the worker never reached the fifth batch"
            if outage == "restart":
                cluster.restart()
                release.set()
            else:
                cluster.stop()
                release.set()
                time.sleep(10)
                cluster.start()
            state = wait_until_done(env, send_id)
            survived = worker.poll() is None
        finally:
            release.set()
            stop_workers(worker)
        received = Counter(esp.accepted_recipients())
    assert survived, worker.stderr.read().decode()[-3000:]
    assert set(received) == _everyone(300)
    assert set(received.values()) == {1}
    assert state["statuses"] == {"sent": 300}


def test_the_watchdog_waits_out_a_database_outage_and_keeps_watching(cluster, cluster_url):
    with FakeMailgun() as esp:
        env = worker_env(cluster_url, esp)
        send_id = seed(env, 5)
        before = report(env, send_id)["queued_tasks"]
        cluster.stop()
        try:
            # The check a worker claimed just before the database went away.
            check = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "tests.newsletters.worker_harness", "watch", str(send_id)],
                cwd=ROOT,
                env=env,
                stderr=subprocess.PIPE,
            )
            time.sleep(3)
            assert check.poll() is None, check.stderr.read().decode()[-3000:]
        finally:
            cluster.start()
        _out, errors = check.communicate(timeout=60)
        after = report(env, send_id)["queued_tasks"]
    assert check.returncode == 0, errors.decode()[-3000:]
    assert after.count("watch_send") == before.count("watch_send") + 1  # the next check
