"""Log lines a log collector reads: one line per event, JSON objects when `LOG_FORMAT=json`.

A traceback stays inside its event's line (escaped newlines in text, a field in JSON), so a
collector never splits one failure into forty events. Every line is redacted on the way out:
e-mail addresses (a subscriber's, quoted by an ESP's error), passwords in URLs (a database or
Redis URL in a connection error) and the signed tokens of newsletter links (they act as a
subscriber's password) never reach the logs, whichever library wrote the message.
"""

import json
import logging
import re
from datetime import UTC, datetime

# Credentials first: "user:password@host" would otherwise read as an address.
REDACTIONS = [
    (
        re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/\s:@]*:[^/\s@]*@", re.IGNORECASE),
        r"\g<scheme>[credentials]@",
    ),
    (re.compile(r"(/newsletter/(?:confirm|unsubscribe|preferences)/)[^/\s\"?]+"), r"\1[token]"),
    (re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"), "[address]"),
]


def redact(text: str) -> str:
    """`text` without addresses, URL credentials or newsletter link tokens."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class OneLineFormatter(logging.Formatter):
    """`LEVEL logger: message`, the traceback appended on the same line with escaped newlines."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record)).replace("\r", "").replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, process, message, error."""

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "process": record.process,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            event["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(event, ensure_ascii=False)


def line_formatter(log_format: str = "text") -> logging.Formatter:
    """The formatter `LOG_FORMAT` names (`text` or `json`); anything else is an operator error."""
    formatters = {"text": OneLineFormatter, "json": JsonFormatter}
    if log_format not in formatters:
        raise ValueError(f"LOG_FORMAT={log_format!r}: use text or json.")
    return formatters[log_format]()
