"""`List-Unsubscribe` leaves the process exactly as RFC 2369 writes it, whichever way Django
serialises the message: angle-bracketed URIs separated by commas, never RFC 2047 encoded words,
folded (if at all) only between two URIs. Mailbox providers read the raw header, so the raw
bytes are what is checked: as a real SMTP server on loopback receives them, as the file mailers
write them and as the console mailer prints them. anymail's ESP APIs get the same value."""

import asyncio
import itertools
import re
import socket
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from newsletters import sending
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db

URI_LIST = re.compile(
    r"<https://[^\s<>,]+/newsletter/unsubscribe/[^\s<>,]+/>"
    r", <mailto:[^\s<>,]+\?subject=unsubscribe%20[^\s<>,]+>"
)


def header_lines(raw: bytes, name: str) -> list[bytes]:
    """The physical lines of header `name` in a raw message (first line and continuations)."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    start = next(i for i, line in enumerate(head) if line.lower().startswith(name.lower() + b":"))
    lines = [head[start]]
    for line in head[start + 1 :]:
        if not line[:1].isspace():
            break
        lines.append(line)
    return lines


def assert_rfc_2369(raw: bytes) -> None:
    """One `List-Unsubscribe` as RFC 2369 writes it, its https link the body's link."""
    lines = header_lines(raw, b"List-Unsubscribe")
    assert b"=?" not in b"".join(lines), lines  # no RFC 2047 encoded word
    for line, following in itertools.pairwise(lines):
        # Folded only after the comma between two URIs.
        assert line.endswith(b">,") and following.startswith(b" <"), lines
    assert all(len(line) <= 998 for line in lines)
    value = b"".join(lines).split(b":", 1)[1].decode("ascii").replace(",\t", ", ").strip()
    value = re.sub(r",\s+<", ", <", value)
    assert URI_LIST.fullmatch(value), value
    link = value[1 : value.index(">")]
    message = message_from_bytes(raw)
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert link in text.get_payload(decode=True).decode()


@pytest.fixture
def long_links(settings, issue):
    """Links as long as a production site's: the case where folding used to encode them."""
    settings.NEWSLETTERS = {
        **getattr(settings, "NEWSLETTERS", {}),
        "BASE_URL": "https://www.stem-professional-development-network.example",
        "UNSUBSCRIBE_MAILTO": "unsubscribe-requests@stem-professional-development-network.example",
    }
    return settings


class Recorder:
    """aiosmtpd handler keeping each message's bytes exactly as they came over the wire."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop()
    )
    controller.start()
    try:
        yield port, recorder
    finally:
        controller.stop()


def test_an_smtp_server_receives_list_unsubscribe_as_rfc_2369_writes_it(
    issue, long_links, smtp_server
):
    port, recorder = smtp_server
    long_links.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    SubscriberFactory.create_batch(2)
    sending.create_send(issue)
    assert len(recorder.received) == 2
    for raw in recorder.received:
        assert_rfc_2369(raw)
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert re.search(rb"[^\r]\n", head) is None  # SMTP lines end in CRLF, folds too
        assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw


@pytest.mark.parametrize(
    "backend, pattern",
    [
        ("django.core.mail.backends.filebased.EmailBackend", "*.log"),
        ("home.mail_files.EmailBackend", "*.eml"),
    ],
)
def test_the_file_mailers_write_list_unsubscribe_as_rfc_2369_writes_it(
    issue, long_links, tmp_path, backend, pattern
):
    long_links.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": {"file_path": str(tmp_path)}}}
    SubscriberFactory()
    sending.create_send(issue)
    (written,) = Path(tmp_path).glob(pattern)
    assert_rfc_2369(written.read_bytes())


def test_the_console_mailer_prints_list_unsubscribe_as_rfc_2369_writes_it(
    issue, long_links, capsys
):
    long_links.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    SubscriberFactory()
    sending.create_send(issue)
    assert_rfc_2369(capsys.readouterr().out.encode())


def test_an_esp_api_receives_the_same_unencoded_value(issue, long_links, fake_postmark):
    SubscriberFactory()
    with fake_postmark.settings():
        sending.create_send(issue)
    (message,) = fake_postmark.messages()
    headers = {h["Name"]: h["Value"] for h in message["Headers"]}
    assert URI_LIST.fullmatch(headers["List-Unsubscribe"]), headers["List-Unsubscribe"]


def test_without_a_mailto_address_the_header_is_the_one_https_uri(issue, long_links, tmp_path):
    long_links.NEWSLETTERS = {**long_links.NEWSLETTERS, "UNSUBSCRIBE_MAILTO": ""}
    long_links.MAILERS = {
        "default": {
            "BACKEND": "home.mail_files.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    SubscriberFactory()
    sending.create_send(issue)
    (written,) = Path(tmp_path).glob("*.eml")
    (line,) = header_lines(written.read_bytes(), b"List-Unsubscribe")
    assert re.fullmatch(rb"List-Unsubscribe: <https://[^\s<>,]+/newsletter/unsubscribe/\S+/>", line)
