"""Load test: 50 concurrent clients for 60 s against gunicorn on loopback, cached and uncached.

Run: .venv/bin/python benchmarks/load.py [--seconds 60] [--connections 50]
Needs `wrk` (Debian: apt-get install wrk). Builds the demo site in a temporary SQLite database
(or DATABASE_URL), starts gunicorn with production settings over plain HTTP, and drives home,
news, events, a calendar feed and the newsletter sign-up. Prints requests/s, p50/p95/p99 and
errors for the cached run (Redis) and the uncached run (dummy cache).
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def run(env: dict, label: str, seconds: int, connections: int, workers: int) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "stempd.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz")
        for path in ("/en/", "/en/news/", "/en/events/", "/en/calendar.ics", "/de/"):
            urllib.request.urlopen(base + path, timeout=10).read()
        output = subprocess.run(
            [
                "wrk",
                "-t4",
                f"-c{connections}",
                f"-d{seconds}s",
                "-s",
                str(ROOT / "benchmarks" / "load.lua"),
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
    match = re.search(r"RESULT (.*)", output)
    figures = dict(item.split("=") for item in match.group(1).split())
    print(f"{label:<9} " + "  ".join(f"{key}={value}" for key, value in figures.items()))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="stempd-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"),
        "VAR_DIR": str(workdir),  # the demo's logins and mail stay out of the checkout's var/
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(16),
    }
    manage(env, "migrate", "--no-input")
    manage({**env, "INSTALL_DEMO": "true"}, "load_demo_content", "--allow-production")
    manage(env, "collectstatic", "--no-input")
    print(f"{args.connections} connections, {args.seconds} s, {args.workers} gunicorn workers")
    cached = run(env, "cached", args.seconds, args.connections, args.workers)
    uncached = run(
        {**env, "LOAD_CACHE": "off"}, "uncached", args.seconds, args.connections, args.workers
    )
    ratio = float(cached["rps"]) / float(uncached["rps"])
    print(f"cached/uncached requests per second: {ratio:.2f}x")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
