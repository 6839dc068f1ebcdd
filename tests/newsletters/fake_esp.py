"""Loopback HTTP servers speaking the parts of Postmark's and Mailgun's APIs anymail calls.

Tests point anymail's real backends at them (`ANYMAIL["POSTMARK_API_URL"]`,
`ANYMAIL["MAILGUN_API_URL"]`), so the whole path runs: Django's mailer, anymail's payload and
response parsing, real HTTP. Every request is recorded for assertions, with the status it was
answered. A `responder` can replace the normal answer to simulate failures (a 500 on every 7th
request, a 429 with Retry-After, a slow answer), which dispatch tests reuse; `go_down()` and
`come_back()` make the whole ESP unreachable for a while (refused connections). Postmark sends one
message per recipient for newsletters (no merge fields without stored templates); Mailgun takes
batches of up to 1,000 recipients with `%recipient.x%` fields, which `FakeMailgun` expands.

    with FakePostmark() as esp:
        with esp.settings():
            ...send mail...
        assert esp.requests[0].json["To"] == "someone@example.org"
"""

import email.parser
import email.policy
import itertools
import json
import re
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from django.test import override_settings

SERVER_TOKEN = "fake-postmark-server-token"
MAILGUN_API_KEY = "fake-mailgun-api-key"
MAILGUN_DOMAIN = "mg.stem-pd-net.example"


@dataclass
class RecordedRequest:
    """One request the fake ESP received (header names in lower case)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, list[str]] | None = None
    reply_status: int | None = None
    client_port: int | None = None

    @property
    def accepted(self) -> bool:
        """The fake ESP answered 2xx: from the ESP's side, these messages went out."""
        return self.reply_status is not None and 200 <= self.reply_status < 300


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
        self._port = 0
        self.unreachable = False

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> "FakePostmark":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like a real ESP API

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._port = self._server.server_address[1]  # the same port when it comes back
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def go_down(self) -> None:
        """The ESP becomes unreachable: new connections are refused, and requests on
        connections kept alive from before are dropped unanswered."""
        self.unreachable = True
        self.stop()

    def come_back(self) -> None:
        """The ESP answers again, on the same address."""
        self.unreachable = False
        self.start()

    def __enter__(self) -> "FakePostmark":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._port, "start() the fake ESP first"
        return f"http://127.0.0.1:{self._port}/"

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
        return [
            message for request in list(self.requests) for message in self._messages_of(request)
        ]

    def recipients(self) -> list[str]:
        """Every To address, in order received."""
        return [addr for message in self.messages() for _n, addr in getaddresses([message["To"]])]

    # --- request handling ------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        if self.unreachable:  # a connection kept alive from before the outage: hang up
            handler.close_connection = True
            return
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
        request.form = self._parse_form(request)
        request.client_port = handler.client_address[1]
        with self._lock:
            number = next(self._counter)
            self.requests.append(request)
        reply = self.responder(number, request) if self.responder else None
        if reply is None:
            reply = self._normal_reply(request)
        request.reply_status = reply.status
        data = json.dumps(reply.body).encode()
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for key, value in reply.headers.items():
                handler.send_header(key, value)
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:  # the client went away (a killed worker): the ESP still accepted it
            pass

    def _parse_form(self, request: RecordedRequest) -> dict[str, list[str]] | None:
        return None

    def accepted_recipients(self) -> list[str]:
        """Every To address of requests answered 2xx (what the ESP sent), in order."""
        return [
            addr
            for request in list(self.requests)
            if request.accepted
            for message in self._messages_of(request)
            for _n, addr in getaddresses([message["To"]])
        ]

    def _messages_of(self, request: RecordedRequest) -> list[dict]:
        if isinstance(request.json, list):
            return request.json
        if isinstance(request.json, dict):
            return [request.json]
        return []

    def _normal_reply(self, request: RecordedRequest) -> Reply:
        if request.headers.get("x-postmark-server-token") != SERVER_TOKEN:
            return Reply(401, {"ErrorCode": 10, "Message": "Bad or missing Server API token."})
        if request.path == "/email" and isinstance(request.json, dict):
            return Reply(200, _accepted(request.json))
        if request.path == "/email/batch" and isinstance(request.json, list):
            return Reply(200, [_accepted(message) for message in request.json])
        return Reply(422, {"ErrorCode": 402, "Message": "Invalid JSON"})


class FakeMailgun(FakePostmark):
    """Mailgun's `POST /v3/<domain>/messages` on 127.0.0.1, with batch sending.

    `messages()` expands each batch into one Postmark-shaped dict per recipient (`To`,
    `Subject`, `HtmlBody`, `TextBody`, `Headers`), substituting `%recipient.x%` from the
    request's `recipient-variables` the way Mailgun does, so tests read what each person got.
    """

    @contextmanager
    def settings(self, **anymail: Any):
        """Settings equivalent to `EMAIL_BACKEND=...mailgun...` + `ANYMAIL_MAILGUN_*` env vars."""
        options = {
            "MAILGUN_API_KEY": MAILGUN_API_KEY,
            "MAILGUN_API_URL": self.url + "v3",
            "MAILGUN_SENDER_DOMAIN": MAILGUN_DOMAIN,
            **anymail,
        }
        with override_settings(
            MAILERS={"default": {"BACKEND": "anymail.backends.mailgun.EmailBackend"}},
            ANYMAIL=options,
        ):
            yield self

    def _parse_form(self, request: RecordedRequest) -> dict[str, list[str]] | None:
        kind = request.headers.get("content-type", "")
        if kind.startswith("application/x-www-form-urlencoded"):
            return parse_qs(request.body.decode(), keep_blank_values=True)
        if kind.startswith("multipart/form-data"):
            raw = f"Content-Type: {kind}\r\n\r\n".encode() + request.body
            parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
            form: dict[str, list[str]] = {}
            for part in parsed.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if name:
                    form.setdefault(name, []).append(part.get_content())
            return form
        return None

    def _messages_of(self, request: RecordedRequest) -> list[dict]:
        form = request.form or {}
        if not form.get("to"):
            return []
        variables = json.loads((form.get("recipient-variables") or ["{}"])[0] or "{}")

        def expand(text: str, address: str) -> str:
            values = variables.get(address, {})
            return re.sub(
                r"%recipient\.([^%]+)%", lambda m: str(values.get(m.group(1), "")), text or ""
            )

        messages = []
        for to in form["to"]:
            address = getaddresses([to])[0][1]
            headers = {
                key[2:]: expand(values[0], address)
                for key, values in form.items()
                if key.startswith("h:")
            }
            messages.append(
                {
                    "To": to,
                    "From": (form.get("from") or [""])[0],
                    "Subject": expand((form.get("subject") or [""])[0], address),
                    "HtmlBody": expand((form.get("html") or [""])[0], address),
                    "TextBody": expand((form.get("text") or [""])[0], address),
                    "Headers": headers,
                }
            )
        return messages

    def _normal_reply(self, request: RecordedRequest) -> Reply:
        auth = request.headers.get("authorization", "")
        import base64

        expected = "Basic " + base64.b64encode(f"api:{MAILGUN_API_KEY}".encode()).decode()
        if auth != expected:
            return Reply(401, {"message": "Invalid private key"})
        if request.path != f"/v3/{MAILGUN_DOMAIN}/messages" or not (request.form or {}).get("to"):
            return Reply(400, {"message": "'to' parameter is missing"})
        return Reply(
            200, {"id": f"<{uuid.uuid4()}@{MAILGUN_DOMAIN}>", "message": "Queued. Thank you."}
        )


SPARKPOST_API_KEY = "fake-sparkpost-api-key"


class FakeSparkPost(FakePostmark):
    """SparkPost's `POST /api/v1/transmissions/` on 127.0.0.1, with batch sending.

    `messages()` expands each transmission into one Postmark-shaped dict per recipient,
    substituting `{{name}}` / `{{{name}}}` from the recipient's `substitution_data` over the
    transmission's, the way SparkPost does, in the subject, both bodies and the headers.
    """

    @contextmanager
    def settings(self, **anymail: Any):
        """Settings equivalent to `EMAIL_BACKEND=...sparkpost...` + `ANYMAIL_SPARKPOST_*`."""
        options = {
            "SPARKPOST_API_KEY": SPARKPOST_API_KEY,
            "SPARKPOST_API_URL": self.url + "api/v1/",
            **anymail,
        }
        with override_settings(
            MAILERS={"default": {"BACKEND": "anymail.backends.sparkpost.EmailBackend"}},
            ANYMAIL=options,
        ):
            yield self

    def _messages_of(self, request: RecordedRequest) -> list[dict]:
        payload = request.json if isinstance(request.json, dict) else {}
        content = payload.get("content") or {}
        shared = payload.get("substitution_data") or {}
        messages = []
        for recipient in payload.get("recipients") or []:
            values = {**shared, **(recipient.get("substitution_data") or {})}

            def expand(text: str, values: dict = values) -> str:
                return re.sub(
                    r"\{\{\{?\s*([A-Za-z0-9_]+)\s*\}?\}\}",
                    lambda m: str(values.get(m.group(1), "")),
                    text or "",
                )

            address = recipient.get("address") or {}
            messages.append(
                {
                    "To": address.get("header_to") or address.get("email", ""),
                    "From": content.get("from", ""),
                    "Subject": expand(content.get("subject", "")),
                    "HtmlBody": expand(content.get("html", "")),
                    "TextBody": expand(content.get("text", "")),
                    "Headers": {
                        name: expand(value)
                        for name, value in (content.get("headers") or {}).items()
                    },
                }
            )
        return messages

    def _normal_reply(self, request: RecordedRequest) -> Reply:
        if request.headers.get("authorization") != SPARKPOST_API_KEY:
            return Reply(401, {"errors": [{"message": "Unauthorized."}]})
        recipients = (
            (request.json or {}).get("recipients") if isinstance(request.json, dict) else []
        )
        if request.path != "/api/v1/transmissions/" or not recipients:
            return Reply(422, {"errors": [{"message": "recipients: at least one is required"}]})
        return Reply(
            200,
            {
                "results": {
                    "total_rejected_recipients": 0,
                    "total_accepted_recipients": len(recipients),
                    "id": str(uuid.uuid4().int)[:18],
                }
            },
        )
