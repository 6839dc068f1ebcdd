"""A loopback server that answers like DeepL's API, for the machine-translation tests.

`/v2/glossaries` creates glossary "glossary-1"; `/v2/translate` returns each text as "DE:<text>".
Every request is remembered with its path, headers and form, so tests can read what DeepL was sent.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

from wagtail_localize.machine_translators.deepl import DeepLTranslator

import pytest


class FakeDeepL(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = parse_qs(self.rfile.read(length).decode())
        FakeDeepL.requests.append({"path": self.path, "headers": dict(self.headers), "form": form})
        if self.path.endswith("/glossaries"):
            body = {"glossary_id": "glossary-1"}
        else:
            body = {"translations": [{"text": f"DE:{text}"} for text in form["text"]]}
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_deepl(monkeypatch):
    """DeepL's translator pointed at the loopback server; yields the server's request log."""
    server = HTTPServer(("127.0.0.1", 0), FakeDeepL)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeDeepL.requests = []
    url = f"http://127.0.0.1:{server.server_port}/v2/translate"
    monkeypatch.setattr(DeepLTranslator, "get_api_endpoint", lambda self: url)
    yield FakeDeepL.requests
    server.shutdown()
    server.server_close()
