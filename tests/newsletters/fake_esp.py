"""A loopback HTTP server speaking the parts of Postmark's API that anymail's backend calls.

Tests point anymail's real Postmark backend at it (`ANYMAIL["POSTMARK_API_URL"]`), so the whole
path runs: Django's mailer, anymail's payload and response parsing, real HTTP. Every request is
recorded for assertions. A `responder` can replace the normal answer to simulate failures (a 500
on every 7th request, a 429 with Retry-After, a slow answer), which dispatch tests reuse.

    with FakePostmark() as esp:
        with esp.settings():
            ...send mail...
        assert esp.requests[0].json["To"] == "someone@example.org"
"""

import itertools
import json
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.test import override_settings

SERVER_TOKEN = "fake-postmark-server-token"


@dataclass
class RecordedRequest:
    """One request the fake ESP received (header names in lower case)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any = None


@dataclass
class Reply:
    """What the fake ESP answers: status, JSON body, extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


# (request number starting at 1, request) -> Reply, or None for the normal answer
Responder = Callable[[int, RecordedRequest], Reply | None]


def _accepted(message: dict) -> dict:
    to = message.get("To", "")
    return {
        "To": to,
        "SubmittedAt": datetime.now(UTC).isoformat(),
        "MessageID": str(uuid.uuid4()),
        "ErrorCode": 0,
        "Message": "OK",
    }


class FakePostmark:
    """Postmark's `/email` and `/email/batch` endpoints on 127.0.0.1, port chosen by the OS."""

    def __init__(self, responder: Responder | None = None) -> None:
        self.responder = responder
        self.requests: list[RecordedRequest] = []
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> "FakePostmark":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakePostmark":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake ESP first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @contextmanager
    def settings(self, **anymail: Any):
        """Settings equivalent to `EMAIL_BACKEND=...postmark...` + `ANYMAIL_POSTMARK_*` env vars."""
        options = {
            "POSTMARK_SERVER_TOKEN": SERVER_TOKEN,
            "POSTMARK_API_URL": self.url,
            **anymail,
        }
        with override_settings(
            MAILERS={"default": {"BACKEND": "anymail.backends.postmark.EmailBackend"}},
            ANYMAIL=options,
        ):
            yield self

    # --- recorded traffic ------------------------------------------------------------------
    def messages(self) -> list[dict]:
        """Every message sent, flattened over single and batch calls."""
        found = []
        for request in self.requests:
            if isinstance(request.json, list):
                found.extend(request.json)
            elif isinstance(request.json, dict):
                found.append(request.json)
        return found

    def recipients(self) -> list[str]:
        """Every To address, in order received."""
        return [addr for message in self.messages() for _n, addr in getaddresses([message["To"]])]

    # --- request handling ------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            payload = None
        request = RecordedRequest(
            method="POST",
            path=handler.path,
            headers={key.lower(): value for key, value in handler.headers.items()},
            body=body,
            json=payload,
        )
        with self._lock:
            number = next(self._counter)
            self.requests.append(request)
        reply = self.responder(number, request) if self.responder else None
        if reply is None:
            reply = self._normal_reply(request)
        data = json.dumps(reply.body).encode()
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _normal_reply(self, request: RecordedRequest) -> Reply:
        if request.headers.get("x-postmark-server-token") != SERVER_TOKEN:
            return Reply(401, {"ErrorCode": 10, "Message": "Bad or missing Server API token."})
        if request.path == "/email" and isinstance(request.json, dict):
            return Reply(200, _accepted(request.json))
        if request.path == "/email/batch" and isinstance(request.json, list):
            return Reply(200, [_accepted(message) for message in request.json])
        return Reply(422, {"ErrorCode": 402, "Message": "Invalid JSON"})
