"""The task worker's console: progress lines only when asked for, failures always, once each.

`manage.py db_worker` raises its loggers to INFO whatever `LOGGING` says (two lines per task),
and Django's own console handler printed every `django.*` line a second time: `make run`'s
terminal filled with about 1,500 lines while the demo loaded. Run as a real worker process.
"""

import os
import subprocess
import sys

from tests.newsletters.worker_processes import ROOT, migrate, run_python

QUEUE = (
    "import django; django.setup();"
    "from wagtail.tasks import update_reference_index_task as index;"
    "index.enqueue('wagtailcore', 'page', '1');"  # the root page: succeeds
    "index.enqueue('wagtailcore', 'page', '999999')"  # no such page: fails
)


def run(env: dict, *args: str) -> str:
    """Both output streams (the worker logs to stderr), whatever the exit code."""
    result = subprocess.run(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    return result.stdout + result.stderr


def worker_output(tmp_path, **environment: str) -> str:
    url = f"sqlite:///{tmp_path}/worker.sqlite3"
    migrate(url)
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
        "DATABASE_URL": url,
        **environment,
    }
    run_python(env, "-c", QUEUE)
    return run(env, "manage.py", "db_worker", "--batch", "--no-startup-delay")


def test_the_worker_shows_failures_once_and_no_progress_lines(tmp_path):
    output = worker_output(tmp_path)
    assert "state=RUNNING" not in output and "state=SUCCESSFUL" not in output
    assert output.count("DoesNotExist") >= 1
    failure_lines = [line for line in output.splitlines() if "failed" in line.lower()]
    assert failure_lines and len(failure_lines) == len(set(failure_lines))  # each once


def test_progress_lines_show_when_asked_for(tmp_path):
    output = worker_output(tmp_path, TASKS_LOG_LEVEL="INFO")
    assert "state=SUCCESSFUL" in output
