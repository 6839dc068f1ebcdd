"""`run_site` (what `make run` serves with): stopping it stops the server and the worker.

`make` passes a SIGTERM on to its child, so `run_site` often gets two signals in a row; the second
used to interrupt the clean-up and leave `runserver` serving on the port after `make` had ended.
"""

import signal
import socket
import subprocess
import sys
import time

from tests.newsletters.worker_processes import ROOT, migrate
from tests.ports import free_port


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def children_of(pid: int) -> list[int]:
    output = subprocess.run(  # noqa: S603
        ["ps", "-o", "pid=", "--ppid", str(pid)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [int(line) for line in output.split()]


def alive(pid: int) -> bool:
    state = subprocess.run(  # noqa: S603
        ["ps", "-o", "stat=", "-p", str(pid)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return bool(state) and not state.startswith("Z")


def test_two_quick_sigterms_stop_both_the_server_and_the_worker(tmp_path):
    url = f"sqlite:///{tmp_path}/site.sqlite3"
    migrate(url)
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "DATABASE_URL": url,
        "PYTHONUNBUFFERED": "1",
    }
    site = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_site", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert answers(port), "run_site never served"
        children = children_of(site.pid)
        assert len(children) == 2  # runserver and db_worker

        # More signals while it stops, as when `make` (or an impatient user) passes them on.
        deadline = time.monotonic() + 30
        while site.poll() is None and time.monotonic() < deadline:
            site.send_signal(signal.SIGTERM)
            time.sleep(0.01)
        assert site.poll() is not None

        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in children if alive(pid)] == []
        assert not answers(port)
        assert "Traceback" not in site.stderr.read()
    finally:
        if site.poll() is None:
            site.kill()
