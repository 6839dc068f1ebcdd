"""The newsletters app's own settings: `NEWSLETTERS = {...}`, read through one accessor.

Every key has a safe default below (with what it means beside it), so the app works without it.
The visitor's address behind proxies comes from the site-wide `TRUSTED_PROXY_HOPS` instead.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Absolute origin of links in e-mails ("": `WAGTAILADMIN_BASE_URL`).
    "BASE_URL": "",
    # Seconds a confirmation link stays valid.
    "CONFIRM_MAX_AGE": 7 * 24 * 3600,
    # Seconds a preference-centre link stays valid: every e-mail carries one, so an old issue's
    # link keeps working for a year and a bit.
    "PREFERENCES_MAX_AGE": 400 * 24 * 3600,
    # Seconds an unsubscribe link stays valid (None: forever, as a years-old e-mail needs).
    "UNSUBSCRIBE_MAX_AGE": None,
    # Address of the `mailto:` part of `List-Unsubscribe` (None: `DEFAULT_FROM_EMAIL`'s; "": none).
    "UNSUBSCRIBE_MAILTO": None,
    # Sign-ups accepted from one IP (or IPv6 /64) per window, in seconds.
    "SIGNUP_LIMIT_PER_IP": 10,
    "SIGNUP_WINDOW_PER_IP": 3600,
    # Confirmation e-mails one address is sent per window: the form floods nobody's inbox.
    "SIGNUP_LIMIT_PER_ADDRESS": 3,
    "SIGNUP_WINDOW_PER_ADDRESS": 24 * 3600,
    # Bytes a sign-up post may have; larger ones and file uploads get 413 unread.
    "SIGNUP_MAX_BODY": 4096,
    # Test sends one user may make per window, in seconds.
    "TEST_SEND_LIMIT": 10,
    "TEST_SEND_WINDOW": 3600,
    # Dispatch (`newsletters.sending`). Recipients per ESP call (None: the ESP's own limit,
    # which also caps any value).
    "BATCH_SIZE": None,
    # How the ESP spells a per-recipient field, e.g. "%recipient.{}%" (None: known per ESP;
    # ESPs without one get one message per recipient).
    "MERGE_FIELD_FORMAT": None,
    # Messages per second across all workers (0: as fast as the ESP answers).
    "SEND_RATE": 0,
    # Tries per recipient before a retryable error (429, 5xx, timeout) may fail it.
    "MAX_ATTEMPTS": 8,
    # Exponential backoff, in seconds, after a retryable error.
    "RETRY_BASE_DELAY": 2.0,
    "RETRY_MAX_DELAY": 300.0,
    # Seconds after a send starts during which retryable errors fail nobody: an ESP outage
    # delays the issue and loses no reader. Permanent refusals fail an address at once.
    "RETRY_WINDOW": 24 * 3600,
    # Seconds the dispatch loop and the watchdog wait for a database that went away.
    "DATABASE_WAIT": 15 * 60,
    # Seconds between checks that a send still has a live worker.
    "WATCHDOG_INTERVAL": 10,
    # Seconds between a dispatcher's heartbeats; its claims are free after three silent ones.
    "HEARTBEAT_INTERVAL": 3,
    "WORKER_GRACE": 30,
}


def newsletter_setting(name: str) -> Any:
    """Return `settings.NEWSLETTERS[name]`, else the default above."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown newsletters setting {name!r}")
    return getattr(settings, "NEWSLETTERS", {}).get(name, DEFAULTS[name])


def base_url() -> str:
    """The public origin links in e-mails start with (no trailing slash)."""
    return (newsletter_setting("BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
