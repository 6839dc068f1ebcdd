"""The newsletters app's own settings, read through one accessor (like anymail's).

Operators may set `NEWSLETTERS = {...}` in the settings; every key has a safe default here, so the
app works without it. Keys:

- `BASE_URL`: absolute origin for links in emails (default: `WAGTAILADMIN_BASE_URL`).
- `CONFIRM_MAX_AGE`: seconds a confirmation link stays valid (7 days).
- `PREFERENCES_MAX_AGE`: seconds a preference-centre link stays valid (400 days; one is sent in
  every email, so an old issue's link keeps working for a year and a bit).
- `UNSUBSCRIBE_MAX_AGE`: seconds an unsubscribe link stays valid (`None`: forever; an unsubscribe
  link in a years-old email must still work).
- `UNSUBSCRIBE_MAILTO`: address for the `mailto:` part of `List-Unsubscribe` (default: the address
  of `DEFAULT_FROM_EMAIL`); empty string leaves the mailto part out.
- `SIGNUP_LIMIT_PER_IP` / `SIGNUP_WINDOW_PER_IP`: sign-ups accepted from one IP (or IPv6 /64)
  per window (10 per hour).
- `SIGNUP_LIMIT_PER_ADDRESS` / `SIGNUP_WINDOW_PER_ADDRESS`: confirmation emails one address can
  be sent per window (3 per day), so the form cannot be used to flood someone's inbox.
- `SIGNUP_MAX_BODY`: bytes a sign-up post may have (4 KB); larger ones and file uploads get 413
  before the body is read.
- `TEST_SEND_LIMIT` / `TEST_SEND_WINDOW`: test sends one user may make per window (10 per hour).

The visitor's address behind proxies comes from the site-wide `TRUSTED_PROXY_HOPS` setting
(`home.client_address`), shared with login throttling and download counts.

Dispatch (see `newsletters.sending`):

- `BATCH_SIZE`: recipients per ESP API call (None: the ESP's own limit, e.g. 1,000 for Mailgun;
  capped at that limit either way).
- `MERGE_FIELD_FORMAT`: how the ESP spells a per-recipient field in the content, e.g.
  `"%recipient.{}%"` (None: known per ESP; ESPs without one get one message per recipient).
- `SEND_RATE`: messages per second across all workers (0: as fast as the ESP answers).
- `MAX_ATTEMPTS`: tries per recipient before a retryable error (429, 5xx, timeout, refused
  connection) can become a failure. A send run inline (no task worker) fails the recipient then.
- `RETRY_WINDOW`: seconds since the send started during which a retryable error never fails
  anyone, however many tries it took (24 hours): an ESP down for minutes or hours delays the
  issue and loses nobody. Permanent refusals of an address still fail it at once.
- `RETRY_BASE_DELAY` / `RETRY_MAX_DELAY`: exponential backoff (seconds) after 429/5xx/timeouts;
  during a long outage each batch asks the ESP again every `RETRY_MAX_DELAY` or so.
- `DATABASE_WAIT`: seconds the dispatch loop and the watchdog wait for a database that went
  away (a restart, a failover) before giving up (15 minutes). After that their task fails and
  the watchdog restarts dispatch once a worker runs again.
- `WATCHDOG_INTERVAL`: seconds between checks that a send still has a live worker (10).
- `HEARTBEAT_INTERVAL`: how often (seconds) a dispatcher says it is alive, from a thread, also
  while it waits for the ESP (3). Its claims are given up after three silent intervals, so a
  killed worker's batch is sent again within seconds. Every running worker joins a send in
  progress by itself (see `newsletters.sending.loop`): there is no setting for that.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "BASE_URL": "",
    "CONFIRM_MAX_AGE": 7 * 24 * 3600,
    "PREFERENCES_MAX_AGE": 400 * 24 * 3600,
    "UNSUBSCRIBE_MAX_AGE": None,
    "UNSUBSCRIBE_MAILTO": None,
    "SIGNUP_LIMIT_PER_IP": 10,
    "SIGNUP_WINDOW_PER_IP": 3600,
    "SIGNUP_LIMIT_PER_ADDRESS": 3,
    "SIGNUP_WINDOW_PER_ADDRESS": 24 * 3600,
    "SIGNUP_MAX_BODY": 4096,
    "TEST_SEND_LIMIT": 10,
    "TEST_SEND_WINDOW": 3600,
    "BATCH_SIZE": None,
    "MERGE_FIELD_FORMAT": None,
    "SEND_RATE": 0,
    "MAX_ATTEMPTS": 8,
    "RETRY_BASE_DELAY": 2.0,
    "RETRY_MAX_DELAY": 300.0,
    "RETRY_WINDOW": 24 * 3600,
    "DATABASE_WAIT": 15 * 60,
    "WATCHDOG_INTERVAL": 10,
    "HEARTBEAT_INTERVAL": 3,
}


def newsletter_setting(name: str) -> Any:
    """Return `settings.NEWSLETTERS[name]`, else the documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown newsletters setting {name!r}")
    return getattr(settings, "NEWSLETTERS", {}).get(name, DEFAULTS[name])
