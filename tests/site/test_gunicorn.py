"""The committed gunicorn.conf.py, run as production runs it: real gunicorn on loopback.

- A slow client (a slow-loris holding connections with half-sent headers) must not stop another
  visitor's request from being answered, even with a single web process.
- With two processes sharing Redis, the page cache is invalidated for both when a page is
  unpublished, and sign-up limits are counted once, not once per process.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/13"  # this suite's own Redis database
SLOW_LORIS_PORT = 8621
TWO_PROCESS_PORT = 8622

pytestmark = pytest.mark.slow_subprocess


def production_env(database: Path, **extra: str) -> dict[str, str]:
    unset = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset and not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="stempd.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{database}",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Gunicorn:
    """`gunicorn --config gunicorn.conf.py` as the Procfile starts it, on a loopback port."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read()
                time.sleep(0.5)
        self.stop()
        raise AssertionError("gunicorn did not start")

    def get(self, path: str, timeout: float = 20) -> tuple[int, dict[str, str], str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def post(self, path: str, body: str) -> int:
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_slow_loris_connections_do_not_stop_other_requests(tmp_path):
    server = Gunicorn(production_env(tmp_path / "db.sqlite3", WEB_CONCURRENCY="1"), SLOW_LORIS_PORT)
    slow = []
    try:
        for _ in range(3):  # a sync worker would be held by the first one for `timeout` seconds
            connection = socket.create_connection(("127.0.0.1", SLOW_LORIS_PORT), timeout=30)
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
            slow.append(connection)
        time.sleep(1)
        status, _headers, body = server.get("/healthz", timeout=10)
        assert (status, body) == (200, "ok\n")
        # The slow clients are served normally once they finish, not killed with a 500.
        slow[0].sendall(b"\r\n\r\n")
        assert slow[0].recv(100).startswith(b"HTTP/1.1 200")
    finally:
        for connection in slow:
            connection.close()
        server.stop()


SETUP_SITE = """
from django.conf import settings
from wagtail.models import Locale, Page, Site
from tests.factories.home import HomePageFactory, StandardPageFactory
from tests.factories.newsletters import TopicFactory
for code, _name in settings.LANGUAGES:
    Locale.objects.get_or_create(language_code=code)
en = Locale.objects.get(language_code="en")
home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-en", locale=en)
Site.objects.update(root_page=home, hostname="127.0.0.1", is_default_site=True)
Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
StandardPageFactory(parent=home, title="Outputs", slug="outputs", locale=en)
TopicFactory(name="Network news", locale=en)
"""
UNPUBLISH = "from wagtail.models import Page; Page.objects.get(slug='outputs').specific.unpublish()"
COUNT_CONSENTS = (
    "from newsletters.models import ConsentRecord; print(ConsentRecord.objects.count())"
)


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    workdir = tmp_path_factory.mktemp("two-processes")
    env = production_env(
        workdir / "db.sqlite3",
        WEB_CONCURRENCY="2",
        REDIS_URL=REDIS_URL,
        PAGE_CACHE_SECONDS="300",
        STATIC_ROOT=str(workdir / "static"),
    )
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "-c", SETUP_SITE)
    server = Gunicorn(env, TWO_PROCESS_PORT)
    yield server, env
    server.stop()
    shared.flushdb()


def test_two_processes_share_the_page_cache_and_its_invalidation(two_processes):
    server, env = two_processes
    first = [server.get("/en/outputs/") for _ in range(16)]
    assert {status for status, _h, _b in first} == {200}
    assert [h.get("X-Page-Cache") for _s, h, _b in first].count("miss") == 1
    manage(env, "shell", "-c", UNPUBLISH)  # another process, as an editor's request would be
    after = [server.get("/en/outputs/")[0] for _ in range(16)]
    assert after == [404] * 16


def test_two_processes_count_one_sign_up_limit(two_processes):
    server, env = two_processes
    same = "email=one%40example.org&language=en&consent=on&website="
    statuses = [server.post("/en/newsletter/subscribe/", same) for _ in range(5)]
    statuses += [
        server.post(
            "/en/newsletter/subscribe/", f"email=r{n}%40example.org&language=en&consent=on&website="
        )
        for n in range(20)
    ]
    assert statuses == [303] * 10 + [429] * 15  # 10 per address per hour, counted once
    # 3 confirmations for the repeated address, 5 for new ones: both limits held across processes.
    assert manage(env, "shell", "-c", COUNT_CONSENTS).strip().splitlines()[-1] == "8"
