"""Surviving a database restart or failover in the dispatch loop, the start and the watchdog.

When the database goes away, the loop waits for it for up to `DATABASE_WAIT` and carries on;
outcomes the ESP already acted on are kept in memory and written first (see
`newsletters.sending.dispatcher.Dispatcher.record`), so the outage costs no duplicate. The task
worker's own polling is not ours: a worker that was idle when the database went away exits, and
its supervisor (systemd's `Restart=always`, the platform's process manager) must start it again.
"""

import logging
import time
from collections.abc import Callable

from django.db import Error, InterfaceError, OperationalError, connection

from newsletters.conf import newsletter_setting

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _database_answers() -> bool:
    """Whether the current connection still works (then an error was not an outage)."""
    try:
        return connection.connection is not None and connection.is_usable()
    except (Error, connection.Database.Error):  # Django's wrapped errors, or the driver's own
        logger.debug("The database connection does not answer", exc_info=True)
        return False


def _drop_connection() -> None:
    try:
        connection.close()
    except (Error, connection.Database.Error):
        logger.debug("Closing a broken database connection failed", exc_info=True)


def wait_for_database(give_up_at: float) -> None:
    """Reconnect until the database answers again; re-raise its error after `give_up_at`."""
    delay = 0.2
    while True:
        _drop_connection()
        try:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return
        except DATABASE_ERRORS:
            if time.monotonic() >= give_up_at:
                raise
            time.sleep(min(delay, max(0.0, give_up_at - time.monotonic())))
            delay = min(delay * 2, 5.0)


def surviving_database_outages[T](call: Callable[[], T]) -> T:
    """Run `call`; when the database went away meanwhile, wait for it and run `call` again.

    `call` must be safe to repeat. Waits at most `DATABASE_WAIT` seconds, then the error goes
    up (the task fails; the watchdog restarts dispatch once the database is back). Errors from
    a connection that still works (a bad query, a locked SQLite file) and errors inside a
    transaction go up at once: those are not outages, or not ours to retry.
    """
    give_up_at: float | None = None
    while True:
        try:
            return call()
        except DATABASE_ERRORS:
            if connection.in_atomic_block or _database_answers():
                raise
            if give_up_at is None:
                logger.warning("The database went away; waiting for it to come back")
                give_up_at = time.monotonic() + float(newsletter_setting("DATABASE_WAIT"))
            wait_for_database(give_up_at)
