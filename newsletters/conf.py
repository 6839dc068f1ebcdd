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
- `TRUSTED_PROXY_HOPS`: how many reverse proxies append to `X-Forwarded-For` in front of the
  site (0: use `REMOTE_ADDR`). Rate limits per IP need the visitor's address, not the proxy's.

Dispatch (see `newsletters.dispatch`):

- `BATCH_SIZE`: recipients per ESP API call (None: the ESP's own limit, e.g. 1,000 for Mailgun;
  capped at that limit either way).
- `MERGE_FIELD_FORMAT`: how the ESP spells a per-recipient field in the content, e.g.
  `"%recipient.{}%"` (None: known per ESP; ESPs without one get one message per recipient).
- `SEND_RATE`: messages per second across all workers (0: as fast as the ESP answers).
- `CLAIM_TIMEOUT`: seconds after which a claimed batch whose worker went silent is claimable
  again (a killed worker). Longer than the slowest ESP call, including anymail's timeout.
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
- `WATCHDOG_INTERVAL`: seconds between checks that a send still has a live worker.
- `HEARTBEAT_INTERVAL`: how often (seconds) a working or waiting dispatcher says it is alive.
- `DISPATCHERS`: how many worker tasks work on one send at once (set it to the number of
  worker processes to use them all; each claims its own batches).
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
    "TRUSTED_PROXY_HOPS": 0,
    "BATCH_SIZE": None,
    "MERGE_FIELD_FORMAT": None,
    "SEND_RATE": 0,
    "CLAIM_TIMEOUT": 300,
    "MAX_ATTEMPTS": 8,
    "RETRY_BASE_DELAY": 2.0,
    "RETRY_MAX_DELAY": 300.0,
    "RETRY_WINDOW": 24 * 3600,
    "DATABASE_WAIT": 15 * 60,
    "WATCHDOG_INTERVAL": 60,
    "HEARTBEAT_INTERVAL": 10,
    "DISPATCHERS": 1,
}


def newsletter_setting(name: str) -> Any:
    """Return `settings.NEWSLETTERS[name]`, else the documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown newsletters setting {name!r}")
    return getattr(settings, "NEWSLETTERS", {}).get(name, DEFAULTS[name])
