"""A newcomer's first command: `make run` in a fresh clone serves the demo with a working worker.

The README promises that `make run` alone installs, migrates, loads the demo content and serves
the site with its task worker, and prints the demo logins. This runs it as a newcomer would: a
clone of the committed tree, the default SQLite database, no environment of ours.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

from .stack import KEPT, ROOT, wait_for

pytestmark = pytest.mark.production_smoke


class Browser:
    """A visitor with cookies, as a browser keeps them between requests."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, final URL, body) after following redirects."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - loopback
        if form is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode()


def sign_in(browser: Browser, username: str, password: str) -> str:
    """The admin's login form, filled in; the address the browser lands on."""
    _status, _url, page = browser.open("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    return browser.open("/admin/login/", form)[1]


@pytest.fixture
def make_run(tmp_path):
    """`make run` in a fresh clone, on a free port; yields (clone, base URL, output so far)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)  # noqa: S603, S607
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key.startswith(KEPT)}
    log = (tmp_path / "make-run.log").open("w")
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        ["make", "run", f"PORT={port}"],  # noqa: S607
        cwd=clone,
        env={**environment, "PYTHONUNBUFFERED": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = lambda: (tmp_path / "make-run.log").read_text()  # noqa: E731
    try:
        yield clone, f"http://127.0.0.1:{port}", output, started, process
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as the README says
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_make_run_in_a_fresh_clone_serves_the_demo_with_its_worker_and_logins(make_run, capsys):
    clone, base, output, started, process = make_run
    browser = Browser(base)

    def first_page() -> bool:
        assert process.poll() is None, output()[-4000:]
        try:
            return browser.open("/en/")[0] == 200
        except OSError:
            return False

    wait_for(first_page, timeout=900, message="make run never served /en/")
    with capsys.disabled():
        print(f"\nmake run: first page after {time.monotonic() - started:.0f} s")  # noqa: T201
    _status, _url, home = browser.open("/en/")
    assert "STEM PD Net" in home

    logins = dict(re.findall(r"(?:Login|Demo login):\s+(\S+) / (\S+)", output()))
    assert {"translator-de", "translator-fr"} <= set(logins), output()[-3000:]
    for username, password in logins.items():
        landed = sign_in(Browser(base), username, password)
        assert urllib.parse.urlsplit(landed).path == "/admin/", username

    # The worker: a sign-up's confirmation mail is written by it into the clone's mail folder.
    address = "newcomer@example.org"
    browser.open(
        "/en/newsletter/subscribe/",
        {"email": address, "language": "en", "consent": "on", "website": ""},
    )
    mail = Path(clone, "var", "mail")
    wait_for(
        lambda: any(address in path.read_text() for path in mail.rglob("*") if path.is_file()),
        timeout=120,
        message="no worker wrote the sign-up's confirmation mail",
    )
