"""What the ESP can do and what its errors mean: batch size, merge-field syntax, retry or not.

Only clear refusals are permanent (`Rejected`); 429, 5xx, timeouts and connection errors are
`Retry` with exponential backoff (and the ESP's `Retry-After`). A retryable error fails a
recipient only after `MAX_ATTEMPTS` tries *and* once the send has been going for
`RETRY_WINDOW`, so an ESP that is down for minutes or hours delays the issue without losing
anyone.
"""

import logging
import random
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from anymail.exceptions import AnymailAPIError, AnymailError

from newsletters.conf import newsletter_setting

logger = logging.getLogger(__name__)

# anymail's name of an ESP → (most recipients per API call, how it spells a merge field in
# inline content). ESPs missing here (Postmark without stored templates, Amazon SES, SMTP, the
# file mailer...) get one message per recipient; `BATCH_SIZE` / `MERGE_FIELD_FORMAT` can add one.
KNOWN_ESPS: dict[str, tuple[int, str]] = {
    "Mailgun": (1000, "%recipient.{}%"),
    "SparkPost": (1000, "{{{{{}}}}}"),
    "Test": (500, "%recipient.{}%"),
}
# anymail cannot give these ESPs' batch recipients their own headers (`merge_headers`), and every
# recipient needs their own `List-Unsubscribe`: one message per recipient, whatever the settings.
NO_MERGE_HEADERS = frozenset({"Mandrill"})
SINGLE_MESSAGE_BATCH = 50  # claimed at once when sending one message per recipient


@dataclass(frozen=True)
class EspProfile:
    """How to talk to the configured ESP: batch size, and its merge-field syntax (or None)."""

    name: str
    batch_size: int
    merge_field_format: str | None

    @property
    def batches(self) -> bool:
        return self.merge_field_format is not None and self.batch_size > 1


def esp_profile(backend: Any) -> EspProfile:
    """Read the ESP's capabilities from the mailer anymail (or Django) built from settings."""
    name = getattr(backend, "esp_name", None) or type(backend).__module__
    limit, merge_format = KNOWN_ESPS.get(name, (SINGLE_MESSAGE_BATCH, None))
    merge_format = newsletter_setting("MERGE_FIELD_FORMAT") or merge_format
    if merge_format is None or not getattr(backend, "esp_name", None) or name in NO_MERGE_HEADERS:
        return EspProfile(name, SINGLE_MESSAGE_BATCH, None)
    wanted = newsletter_setting("BATCH_SIZE")
    size = min(int(wanted), limit) if wanted else limit
    return EspProfile(name, max(1, size), merge_format)


class Retry(Exception):
    """The ESP asked us to come back later (429, 5xx, timeout, connection error)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Rejected(Exception):
    """The ESP refused the request for good (a 4xx other than 429)."""


def _retry_after(error: Exception) -> float | None:
    value = getattr(getattr(error, "response", None), "headers", {}).get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def classify(error: Exception) -> Exception:
    """Map an exception from sending to `Retry` or `Rejected` (the dispatch's two cases).

    Anything unknown is retried, so a configuration mistake fixed within the backoff loses nobody.
    """
    if isinstance(error, Retry | Rejected):
        return error
    status = getattr(error, "status_code", None)
    if isinstance(error, AnymailAPIError) and isinstance(status, int):
        if status == 429 or status >= 500 or status in {401, 403, 408}:
            return Retry(f"ESP answered {status}", _retry_after(error))
        return Rejected(f"ESP refused the message ({status})")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Rejected("SMTP server refused the recipient")
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return Rejected(f"SMTP server refused the message ({error.smtp_code})")
    if not isinstance(error, OSError | smtplib.SMTPException | AnymailError):
        logger.warning("Unexpected error while sending; it will be retried", exc_info=error)
    return Retry(f"{type(error).__name__}: {str(error)[:150]}")


def backoff(attempts: int, retry_after: float | None = None) -> float:
    """Seconds to wait before attempt `attempts + 1`: exponential, jittered, capped."""
    base = float(newsletter_setting("RETRY_BASE_DELAY"))
    ceiling = float(newsletter_setting("RETRY_MAX_DELAY"))
    # The exponent is capped: within `RETRY_WINDOW` a recipient may be tried hundreds of times.
    delay = min(ceiling, base * (2 ** min(max(0, attempts - 1), 32)))
    delay = delay / 2 + random.random() * delay / 2  # noqa: S311 - jitter, not security
    return max(delay, retry_after or 0.0)


def retries_exhausted(attempts: int, started_at: datetime | None, now: datetime) -> bool:
    """Whether a recipient who just met a retryable error fails instead of waiting once more."""
    if attempts < int(newsletter_setting("MAX_ATTEMPTS")):
        return False
    window = timedelta(seconds=float(newsletter_setting("RETRY_WINDOW") or 0))
    return started_at is None or now - started_at >= window
