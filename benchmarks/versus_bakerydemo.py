"""Requests per second of our pages beside Wagtail's bakerydemo, in one run on one machine.

Run: .venv/bin/python benchmarks/versus_bakerydemo.py [--seconds 10] [--connections 8]
     .venv/bin/python benchmarks/versus_bakerydemo.py --profile   # cProfile of our uncached renders

Why side by side: this machine is shared and noisy, so absolute figures mean little; the ratio
of two sites measured in the same minutes does. The anchor is the bakerydemo snapshot and its
serving script in `../shared/anchors/` (outside this repository, never copied into it); without
it the benchmark skips with a message.

Both sites run production settings on SQLite with one sync gunicorn worker, no Redis, and get
`X-Forwarded-Proto: https` as from a TLS proxy. Ours is built from the demo content in a
throwaway database and served twice: page cache off (`PAGE_CACHE_SECONDS=0`; fragment and feed
caches stay, as bakerydemo keeps its own) and on. Each pair of like pages is measured in turn
(bakerydemo, ours uncached, ours cached) so that load from others hits all three alike. The
client is a stdlib thread pool, one new connection per request (sync workers close them).
"""

import argparse
import http.client
import json
import math
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHORS = ROOT.parent / "shared" / "anchors"
PYTHON = sys.executable
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

# (label, our page as a model to look up, bakerydemo's like page)
PAIRS = [
    ("home", "home.HomePage", "/"),
    ("news index / blog index", "network.NewsIndexPage", "/blog/"),
    ("news item / blog post", "network.NewsPage", "/blog/bread-circuses/"),
    ("events / locations", "events.EventIndexPage", "/locations/"),
    ("event page / location", "events.EventPage", "/locations/reykjavik/"),
    ("publications / breads", "network.BookletIndexPage", "/breads/"),
]

FIND_PATHS = """
import json
from django.apps import apps
from wagtail.models import Locale
en = Locale.objects.get(language_code="en")
labels = {labels!r}
print(json.dumps([
    apps.get_model(label).objects.live().filter(locale=en).order_by("path").first().url
    for label in labels
]))
"""

PROFILE = """
import cProfile, pstats
from django.test import Client
from django.db import connection, reset_queries
from django.conf import settings
settings.DEBUG = True  # count queries
client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
paths = {paths!r}
for path in paths:
    assert client.get(path).status_code == 200, path  # warm: renditions, templates
for path in paths:
    reset_queries()
    client.get(path)
    print(f"{{path}}: {{len(connection.queries)}} queries")
settings.DEBUG = False
profiler = cProfile.Profile()
profiler.enable()
for _ in range({rounds}):
    for path in paths:
        client.get(path)
profiler.disable()
pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
"""


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_up(port: int, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(port, path) == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"nothing answered 200 on 127.0.0.1:{port}{path} within {timeout:.0f} s")


def requests_per_second(port: int, path: str, seconds: float, connections: int) -> float:
    """Drive one URL with `connections` client threads for `seconds`; fail on any non-200."""
    for _ in range(3):
        get(port, path)  # warm up: renditions, template loading, first cache fill
    done, failures = [0] * connections, []
    stop = time.monotonic() + seconds

    def client(slot: int) -> None:
        while time.monotonic() < stop:
            status = get(port, path)
            if status != 200:
                failures.append(status)
                return
            done[slot] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"127.0.0.1:{port}{path} answered {failures[0]}")
    return sum(done) / (time.monotonic() - started)


def our_env(workdir: Path) -> dict[str, str]:
    unset = {"REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "PAGE_CACHE_SECONDS"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="stempd.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        VAR_DIR=str(workdir),  # the demo's logins and mail stay out of the checkout's var/
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        DEMO_ADMIN_PASSWORD=secrets.token_urlsafe(16),
        WEB_CONCURRENCY="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    # A session of its own, so stopping it also stops what it started (pip, gunicorn workers).
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def gunicorn(env: dict[str, str], port: int, cache_seconds: int) -> subprocess.Popen:
    """Our gunicorn.conf.py, as production runs it, but one sync worker like bakerydemo's.

    Worker recycling is off: a recycled worker starts with an empty process-local cache, which
    in production is Redis and survives; here it would measure restarts, not pages.
    """
    env = {**env, "PAGE_CACHE_SECONDS": str(cache_seconds)}
    options = ["--bind", f"127.0.0.1:{port}", "--worker-class", "sync", "--workers", "1"]
    options += ["--max-requests", "0", "--access-logfile", "/dev/null", "--log-level", "warning"]
    return start([PYTHON, "-m", "gunicorn", *options], env)


def build_ours(workdir: Path) -> tuple[dict[str, str], list[str]]:
    """Our demo site in `workdir`, built unless an earlier `--workdir` run left it there."""
    env = our_env(workdir)
    if not (workdir / "db.sqlite3").exists():
        print("building our demo site in", workdir, flush=True)
        manage(env, "migrate", "--no-input")
        manage({**env, "INSTALL_DEMO": "true"}, "load_demo_content", "--allow-production")
        manage(env, "collectstatic", "--no-input")
    labels = [label for _name, label, _theirs in PAIRS]
    output = manage(env, "shell", "-c", FIND_PATHS.format(labels=labels))
    paths = json.loads(output.splitlines()[-1])  # after anything the shell prints first
    return env, paths


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(value) for value in values) / len(values))


def benchmark(env: dict[str, str], paths: list[str], args: argparse.Namespace) -> None:
    theirs, uncached, cached = args.port + 1, args.port + 2, args.port + 3
    servers = [
        start([str(ANCHORS / "serve-bakerydemo.sh"), str(theirs)]),
        gunicorn(env, uncached, 0),
        gunicorn(env, cached, 300),
    ]
    try:
        wait_until_up(theirs, "/", timeout=900)  # the first run installs bakerydemo
        wait_until_up(uncached, paths[0], timeout=60)
        wait_until_up(cached, paths[0], timeout=60)
        print(f"{args.connections} connections, {args.seconds:g} s per page and site")
        print(f"{'pair':<24} {'ours':<36} {'bakery':>7} {'uncached':>9} {'×':>6}", end=" ")
        print(f"{'cached':>8} {'×':>6}")
        ratios_off, ratios_on = [], []
        for (name, _label, their_path), our_path in zip(PAIRS, paths, strict=True):
            base = requests_per_second(theirs, their_path, args.seconds, args.connections)
            off = requests_per_second(uncached, our_path, args.seconds, args.connections)
            on = requests_per_second(cached, our_path, args.seconds, args.connections)
            ratios_off.append(off / base)
            ratios_on.append(on / base)
            print(
                f"{name:<24} {our_path:<36} {base:>7.1f} {off:>9.1f} {off / base:>5.2f}×"
                f" {on:>8.1f} {on / base:>5.1f}×",
                flush=True,
            )
        print(
            f"{'geometric mean':<79} {geometric_mean(ratios_off):>5.2f}×"
            f" {'':>8} {geometric_mean(ratios_on):>5.1f}×"
        )
    finally:
        for server in servers:
            stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--port", type=int, default=8710, help="bakerydemo gets PORT+1, ours +2, +3"
    )
    parser.add_argument("--profile", action="store_true", help="profile our uncached renders")
    parser.add_argument("--rounds", type=int, default=20, help="renders per page with --profile")
    parser.add_argument("--only", default="", help="only the pairs whose name contains this")
    parser.add_argument(
        "--workdir", type=Path, help="keep our built site here and reuse it on the next run"
    )
    args = parser.parse_args()
    if args.only:
        PAIRS[:] = [pair for pair in PAIRS if args.only in pair[0]]
    if not args.profile and not (ANCHORS / "serve-bakerydemo.sh").exists():
        print(f"skipped: {ANCHORS} is absent, so there is no bakerydemo to measure beside ours")
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stempd-versus-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        env, paths = build_ours(workdir)
        if args.profile:
            code = PROFILE.format(paths=paths, rounds=args.rounds)
            print(manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", code))
        else:
            benchmark(env, paths, args)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
