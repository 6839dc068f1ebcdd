"""Logs a collector reads: one line per event (JSON with `LOG_FORMAT=json`), and no subscriber
address, URL password or newsletter link token in any line, tracebacks included."""

import io
import json
import logging

import pytest

from stempd.log_format import line_formatter

SECRET_URL = "redis://default:s3cret-pass@cache.internal:6379/0"


def log_failure(log_format: str) -> str:
    """Log one failure the way a task does (message, then the exception), through `LOG_FORMAT`."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(line_formatter(log_format))
    logger = logging.getLogger("tests.log_format")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        raise ConnectionError(f"{SECRET_URL} refused while mailing reader.one@example.org")
    except ConnectionError:
        link = "/de/newsletter/confirm/MQ:1tx9Zx:abc/"
        logger.exception("Confirmation for Reader.Two+news@example.org via %s failed", link)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_failure_with_its_traceback_is_one_line(log_format):
    output = log_failure(log_format)
    assert output.count("\n") == 1 and output.endswith("\n")
    assert "ConnectionError" in output and "Traceback" in output


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_no_address_password_or_link_token_reaches_the_log(log_format):
    output = log_failure(log_format)
    for secret in (
        "reader.one@example.org",
        "Reader.Two+news@example.org",
        "s3cret-pass",
        "MQ:1tx9Zx",
    ):
        assert secret not in output
    assert "/de/newsletter/confirm/[token]/" in output
    assert "redis://[credentials]@cache.internal:6379/0" in output


def test_json_lines_carry_time_level_logger_and_the_error_apart():
    event = json.loads(log_failure("json"))
    assert event["level"] == "ERROR" and event["logger"] == "tests.log_format"
    assert event["message"].startswith("Confirmation for [address] via")
    assert event["error"].startswith("Traceback") and event["time"].endswith("+00:00")


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="LOG_FORMAT='xml'"):
        line_formatter("xml")
