"""Real task worker processes for the fault tests: their environment, starting and stopping
them, and reading a send's state through `worker_harness` in a child process.

The workers see exactly what production sees: `DATABASE_URL`, the Mailgun backend pointed at a
loopback fake ESP through `ANYMAIL_*`, and `NEWSLETTERS_JSON` with timeouts short enough for a
test (claims stale after 1.5 seconds of silence, backoff in tenths of a second).
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from .fake_esp import MAILGUN_API_KEY, MAILGUN_DOMAIN, FakeMailgun

ROOT = Path(settings.BASE_DIR)
FAST = {
    "BATCH_SIZE": 20,
    "WATCHDOG_INTERVAL": 1,
    "HEARTBEAT_INTERVAL": 0.5,
    "RETRY_BASE_DELAY": 0.05,
    "RETRY_MAX_DELAY": 0.5,
}


def worker_env(database_url: str, esp: FakeMailgun, **newsletters) -> dict:
    """The environment of a worker process: production settings sources, test timeouts."""
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


def run_python(env: dict, *args: str) -> str:
    """Run our interpreter with `args` in the project directory; its stdout."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def migrate(database_url: str) -> None:
    """Create the schema in a fresh database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "DATABASE_URL": database_url,
    }
    run_python(env, "manage.py", "migrate", "--verbosity", "0")


def seed(env: dict, subscribers: int) -> int:
    """An issue, `subscribers` confirmed readers and its send queued; the send's id."""
    return int(run_python(env, "-m", "tests.newsletters.worker_harness", "seed", str(subscribers)))


def start_worker(env: dict) -> subprocess.Popen:
    """`manage.py db_worker` as the Procfile and the systemd unit run it, polling quickly."""
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


def report(env: dict, send_id: int) -> dict:
    """The send's status and its deliveries per status (see `worker_harness.report`)."""
    output = run_python(env, "-m", "tests.newsletters.worker_harness", "report", str(send_id))
    return json.loads(output)


def wait_until_done(env: dict, send_id: int, timeout: float = 120) -> dict:
    """Poll the send until it is done; its final report."""
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = report(env, send_id)
        if state["status"] == "done":
            return state
        time.sleep(0.5)
    raise AssertionError(f"send not finished in time: {state}")


def stop_workers(*workers: subprocess.Popen) -> None:
    """Stop workers the way a supervisor does: SIGTERM, then SIGKILL after ten seconds."""
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
