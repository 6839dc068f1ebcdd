"""Serve the site and run the task worker together, for a laptop or a demo.

It lives in the demo app because only a development install needs it, and it prints the demo
login that `load_demo_content` wrote.

Work queued from the admin (a newsletter send, Wagtail's own background tasks) only happens when a
worker runs; starting both from one command means `make run` gives a site where that work really
runs. Ctrl-C stops both. In production run gunicorn and `manage.py db_worker` as separate services.
One worker serves every task, highest priority first (`home.task_priorities`): a sign-up's mail
never waits behind the indexing Wagtail queues after an editor's bulk publish.

Every absolute link the site makes (emails, feeds, calendars, canonical links) follows the address
served here: the command points the default Site at it and passes it to both processes as
`WAGTAILADMIN_BASE_URL`, so `make run PORT=8111` mails links to :8111, not to :8000.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.builders import read_demo_credentials
from home.site_url import sync_default_site


def _raise_keyboard_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    """Used by `make run`; prints the demo login, then supervises the two processes."""

    help = "Run the development server and the database task worker side by side."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--base-url",
            default="",
            help="Public address for links, if not http://HOST:PORT (e.g. behind a tunnel).",
        )

    def handle(self, *args, host: str, port: str, base_url: str = "", **options) -> None:
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        credentials = read_demo_credentials()
        base_url = (base_url or f"http://{host}:{port}").rstrip("/")
        sync_default_site(base_url)
        environment = {**os.environ, "WAGTAILADMIN_BASE_URL": base_url}
        self.stdout.write(self.style.SUCCESS(f"Site:   {base_url}/"))
        self.stdout.write(self.style.SUCCESS(f"Admin:  {base_url}/admin/"))
        if credentials:
            username, password = credentials
            self.stdout.write(self.style.SUCCESS(f"Login:  {username} / {password}"))
        self.stdout.write(f"Mail written by the site: {settings.MAIL_DIR}")
        commands = [
            [sys.executable, manage, "db_worker", "--interval", "1"],
            [sys.executable, manage, "runserver", f"{host}:{port}", "--noreload"],
        ]
        # Closing the terminal (SIGHUP) or `kill` (SIGTERM) must stop both children, like Ctrl-C.
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, _raise_keyboard_interrupt)
        processes = [
            subprocess.Popen(command, start_new_session=True, env=environment)  # noqa: S603
            for command in commands
        ]
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            # `make` passes its own SIGTERM/SIGINT on, so a second signal often follows the
            # first: it must not interrupt this clean-up and leave a child serving.
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(signum, signal.SIG_IGN)
            for process in processes:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        failed = [
            process for process in processes if process.returncode not in (0, -signal.SIGTERM)
        ]
        if failed:
            sys.exit(1)
