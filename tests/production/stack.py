"""The production stack an operator builds from the README, run from the built wheel.

`Stack` builds the sdist and, from it, the wheel; installs the wheel with the pinned constraints
into a fresh virtualenv; and runs everything in a working directory outside the checkout with
only the environment the README's production section names. Nothing here imports the checkout's
code into those processes: they see the installed package alone.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
# What a child process keeps of ours: the interpreter's needs and the package index settings.
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_", "SSL_CERT", "REQUESTS_CA_BUNDLE")


class Stack:
    """A virtualenv with the wheel installed, and the processes of one production site."""

    def __init__(self, workdir: Path, settings: dict[str, str]) -> None:
        self.workdir = workdir
        self.venv = workdir / "venv"
        self.dist = workdir / "dist"
        self.site = workdir / "site"  # the operator's working directory: var/, gunicorn.conf.py
        self.env = {key: value for key, value in os.environ.items() if key.startswith(KEPT)}
        self.env.update(PYTHONUNBUFFERED="1", **settings)
        self.processes: list[subprocess.Popen] = []

    # --- building and installing ---------------------------------------------------------
    def build(self) -> tuple[Path, Path]:
        """`python -m build`: the sdist, then the wheel built from that sdist."""
        self.run([sys.executable, "-m", "build", "--outdir", str(self.dist), str(ROOT)], cwd=ROOT)
        return next(self.dist.glob("*.tar.gz")), next(self.dist.glob("*.whl"))

    def install(self, wheel: Path, extras: str = "") -> None:
        """A fresh virtualenv, the wheel (with `extras`, e.g. "demo") and its pinned dependencies,
        as the Containerfile does."""
        self.run([sys.executable, "-m", "venv", str(self.venv)])
        pip = [str(self.venv / "bin" / "pip"), "install", "--quiet", "-c", str(CONSTRAINTS)]
        self.run([*pip, f"{wheel}[{extras}]" if extras else str(wheel)])
        self.site.mkdir()
        shutil.copy(ROOT / "gunicorn.conf.py", self.site)

    @property
    def site_packages(self) -> Path:
        return next(self.venv.glob("lib/python3*/site-packages"))

    # --- commands --------------------------------------------------------------------------
    def run(
        self, command: list[str], cwd: Path | None = None, timeout: float = 900, **environ: str
    ) -> str:
        result = subprocess.run(  # noqa: S603 - our own interpreter and commands
            command,
            cwd=cwd or self.workdir,
            env={**self.env, **environ},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        return result.stdout

    def stempd(self, *args: str, **environ: str) -> str:
        """`stempd <command>` in the site's working directory, with `environ` added."""
        return self.run([str(self.venv / "bin" / "stempd"), *args], cwd=self.site, **environ)

    def shell(self, code: str) -> str:
        """Python run by `stempd shell` (another process than the web and worker ones)."""
        return self.stempd("shell", "--no-imports", "-c", code)

    # --- long-running processes ------------------------------------------------------------
    def start(self, name: str, *command: str, **environ: str) -> subprocess.Popen:
        """Start a process in the site's directory, with `environ` added to the site's
        environment; its output goes to `<name>.log` there."""
        log = (self.site / f"{name}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - our own commands
            [str(self.venv / "bin" / command[0]), *command[1:]],
            cwd=self.site,
            env={**self.env, **environ},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.site / f"{name}.log").read_text()

    def log_events(self, name: str) -> list[dict]:
        """The process's log, one JSON object per line (`LOG_FORMAT=json`)."""
        lines = self.log(name).splitlines(keepends=True)
        return [json.loads(line) for line in lines if line.endswith("\n")]

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Visitor:
    """HTTP requests as they reach the site through the operator's TLS-terminating proxy."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base + path,
            data=data,
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.7",
                **(headers or {}),
            },
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self.request(path)

    def wait_until_up(self, process: subprocess.Popen, log: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            assert process.poll() is None, log
            time.sleep(0.5)
        raise AssertionError("the web processes did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class PurgeEndpoint:
    """A loopback HTTP PURGE endpoint, as Varnish offers one; records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                endpoint.requests.append(
                    {"path": self.path, **{k.lower(): v for k, v in self.headers.items()}}
                )
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def new_secret() -> str:
    return secrets.token_urlsafe(64)


def access_log_pids(events: list[dict], path: str) -> list[str]:
    """The web processes (by pid) that answered `path`, in the order of gunicorn's access log."""
    pattern = re.compile(r'"GET ' + re.escape(path) + r' HTTP/1\.1" 200 .* pid=<(\d+)>')
    matches = (pattern.search(event["message"]) for event in events)
    return [match.group(1) for match in matches if match]


def wait_for(condition, timeout: float = 120, message: str = "") -> Any:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(message or "condition not reached")


def as_json(output: str) -> Any:
    return json.loads(output.strip().splitlines()[-1])
