"""The raw-SQL claim and record of deliveries, the rows all workers coordinate through.

A claim takes a batch in one statement: `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
LOCKED) RETURNING` on PostgreSQL; on SQLite the same statement runs under the database's single
writer lock (IMMEDIATE transactions), which is the safe equivalent. Outcomes are written in one
UPDATE per ESP call, only on rows the worker still holds.
"""

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import BooleanField, Case, F, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from newsletters.conf import newsletter_setting
from newsletters.models import Delivery, Send, SendWorker, Subscriber, SuppressedAddress
from newsletters.sending.liveness import silence

SUBSCRIBER_COLUMNS = ("email", "language", "token_key", "status")


class SubscriberNow(NamedTuple):
    """The subscriber behind a claimed delivery, as the claim's own statement read them.

    Reading them in the claim saves the dispatcher a query per ESP call; they are as fresh as
    a separate read right after the claim would be. One is made per recipient, so it is a
    named tuple, cheaper to build than a frozen dataclass.
    """

    email: str
    language: str
    token_key: str
    status: str
    suppressed: bool


class Claimed(NamedTuple):
    """A delivery this worker holds: who, in which language, how many tries so far.

    `subscriber` is None for a test send's addressee, which has no subscriber row.
    """

    id: int
    subscriber_id: int | None
    email: str
    language: str
    attempts: int
    subscriber: SubscriberNow | None = None

    @classmethod
    def from_row(cls, row: tuple) -> "Claimed":
        """Build from a row of `claim_batch`'s RETURNING clause."""
        delivery, person = row[:5], row[5:]
        subscriber = None
        if delivery[1] is not None and person[3] is not None:
            subscriber = SubscriberNow(*person[:4], suppressed=bool(person[4]))
        return cls(*delivery, subscriber=subscriber)


def _subscriber_now_sql() -> tuple[str, str]:
    """How the claim reads the subscriber behind each row: (a join, the returned columns).

    PostgreSQL returns columns of a table joined in `UPDATE ... FROM`, one lookup per row.
    SQLite's RETURNING may name only the updated table, so there each column is a subquery on
    the subscriber's primary key. The columns are NULL for a test addressee (no subscriber).
    """
    table, people = Delivery._meta.db_table, Subscriber._meta.db_table
    suppressed = SuppressedAddress._meta.db_table
    if connection.vendor == "postgresql":
        columns = [f"{people}.{column}" for column in SUBSCRIBER_COLUMNS]
        suppression = (
            f"EXISTS (SELECT 1 FROM {suppressed} "  # noqa: S608
            f"WHERE {suppressed}.email_hash = {people}.email_hash)"
        )
        join = f"LEFT JOIN {people} ON {people}.id = picked.subscriber_id "
        return join, ", ".join([*columns, suppression])
    of_row = f"FROM {people} WHERE {people}.id = {table}.subscriber_id"
    columns = [f"(SELECT {people}.{column} {of_row})" for column in SUBSCRIBER_COLUMNS]
    suppression = (
        f"EXISTS (SELECT 1 FROM {suppressed} JOIN {people} "  # noqa: S608
        f"ON {suppressed}.email_hash = {people}.email_hash "
        f"WHERE {people}.id = {table}.subscriber_id)"
    )
    return "", ", ".join([*columns, suppression])


def claim_batch(send_id: int, size: int, worker: str, now: datetime | None = None) -> list[Claimed]:
    """Atomically take up to `size` claimable deliveries of a sending send (one statement).

    Claimable: pending and due, or claimed by a dispatcher whose heartbeat has been silent for
    `SILENT_HEARTBEATS` intervals (see `newsletters.sending.liveness`). A claim holds one
    language only (that of the first claimable row in language order), so with a batching ESP
    a claim is one ESP call: a crash resends at most that call's recipients, and the last
    rows of a language make a short claim instead of a second call in a mixed one.
    The subscribers' current address, language, link key, status and suppression come back
    in the same statement.
    """
    now = now or timezone.now()
    stale = now - silence()
    adapt = connection.ops.adapt_datetimefield_value
    table, sends = Delivery._meta.db_table, Send._meta.db_table
    workers = SendWorker._meta.db_table
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    # Identifiers come from model metadata; every value is a query parameter.
    due = f"{table}.status = %s AND {table}.available_at <= %s"
    due_params = [Delivery.Status.PENDING, adapt(now)]
    orphaned = (
        f"{table}.status = %s AND NOT EXISTS (SELECT 1 FROM {workers} "  # noqa: S608
        f"WHERE {workers}.send_id = {table}.send_id AND {workers}.worker = {table}.claimed_by "
        f"AND {workers}.seen_at >= %s)"
    )
    orphaned_params = [Delivery.Status.CLAIMED, adapt(stale)]
    join_people, subscriber_now = _subscriber_now_sql()

    def first(
        name: str, columns: str, where: str, order: str, limit: str, locking: str = ""
    ) -> str:
        # Due rows and orphaned claims are looked up apart, each with one status, so each
        # walks the claim index (send, status, language, id) in order and stops at `limit`:
        # with an OR of the two, the planners read every row of the send on every claim.
        return (
            f"SELECT {columns} FROM (SELECT {columns} FROM {table} "  # noqa: S608
            f"WHERE send_id = %s AND {where} ORDER BY {order} LIMIT {limit}{locking}) AS {name}"
        )

    # The ids are picked once in a MATERIALIZED CTE: with `WHERE id IN (SELECT … LIMIT n)` the
    # planner may run the subquery more than once and claim more than `size` rows. The
    # language is picked first (no lock: a row another worker holds only narrows the pick).
    in_lang = "AND language = (SELECT language FROM lang)"
    picked_columns = "id, subscriber_id"
    sql = (
        f"WITH lang AS MATERIALIZED (SELECT language FROM ("  # noqa: S608
        f"{first('due_lang', 'language, id', due, 'language, id', '1')} UNION ALL "
        f"{first('orphaned_lang', 'language, id', orphaned, 'language, id', '1')}) AS open_rows "
        f"WHERE EXISTS (SELECT 1 FROM {sends} WHERE {sends}.id = %s AND {sends}.status = %s) "
        f"ORDER BY language, id LIMIT 1), "
        f"picked AS MATERIALIZED (SELECT {picked_columns} FROM ("
        f"{first('due_ids', picked_columns, f'{due} {in_lang}', 'id', '%s', lock)} UNION ALL "
        f"{first('orphaned_ids', picked_columns, f'{orphaned} {in_lang}', 'id', '%s', lock)}) "
        f"AS open_ids "
        f"ORDER BY id LIMIT %s) "
        f"UPDATE {table} SET status = %s, claimed_at = %s, claimed_by = %s, "
        f"attempts = {table}.attempts + 1 "
        f"FROM picked {join_people}WHERE {table}.id = picked.id AND (({due}) OR ({orphaned})) "
        f"RETURNING {table}.id, {table}.subscriber_id, {table}.email, {table}.language, "
        f"{table}.attempts, {subscriber_now}"
    )
    # The parameters in the statement's order: `lang`, `picked`, then the UPDATE.
    lang_params = [send_id, *due_params, send_id, *orphaned_params, send_id, Send.Status.SENDING]
    picked_params = [send_id, *due_params, size, send_id, *orphaned_params, size, size]
    update_params = [Delivery.Status.CLAIMED, adapt(now), worker, *due_params, *orphaned_params]
    # One statement is atomic on its own: no transaction around it, no extra round trips.
    with connection.cursor() as cursor:
        cursor.execute(sql, [*lang_params, *picked_params, *update_params])
        rows = cursor.fetchall()
    return sorted((Claimed.from_row(row) for row in rows), key=lambda row: (row.language, row.id))


@dataclass
class Outcome:
    """What happened to one claimed delivery, written back in the batch's one UPDATE."""

    status: str
    esp_message_id: str = ""
    error: str = ""
    available_at: datetime | None = None
    email: str | None = None


def _uniform_or_case(values: dict[int, Any], output_field: Any = None) -> Any:
    distinct = set(values.values())
    if len(distinct) == 1:
        return Value(next(iter(distinct)), output_field=output_field)
    return Case(
        *[
            When(pk=pk, then=Value(value, output_field=output_field))
            for pk, value in values.items()
        ],
        output_field=output_field,
    )


def record_outcomes(outcomes: dict[int, Outcome], worker: str, now: datetime) -> int:
    """Write every outcome of a batch in one UPDATE, only on rows this worker still holds."""
    if not outcomes:
        return 0
    columns = {
        "status": lambda o: o.status,
        "esp_message_id": lambda o: o.esp_message_id[:255],
        "error": lambda o: o.error[:255],
        "available_at": lambda o: o.available_at or now,
        "sent_at": lambda o: now if o.status == Delivery.Status.SENT else None,
    }
    updates: dict[str, Any] = {
        name: _uniform_or_case(
            {pk: value(o) for pk, o in outcomes.items()}, Delivery._meta.get_field(name)
        )
        for name, value in columns.items()
    }
    changed_emails = {pk: o.email for pk, o in outcomes.items() if o.email}
    if changed_emails:
        updates["email"] = Case(
            *[When(pk=pk, then=Value(email)) for pk, email in changed_emails.items()],
            default=F("email"),
        )
    return Delivery.objects.filter(
        _id_in(list(outcomes)), status=Delivery.Status.CLAIMED, claimed_by=worker
    ).update(**updates)


def _id_in(ids: list[int]) -> RawSQL:
    """`id IN (...)` with the ids as parameters as they are.

    `pk__in` prepares each id through the field on its way in, a noticeable part of recording
    a large batch. The ids are the claim's own integers.
    """
    placeholders = ", ".join(["%s"] * len(ids))
    # Only placeholders go into the SQL; the table name comes from model metadata.
    return RawSQL(  # noqa: S611
        f"{Delivery._meta.db_table}.id IN ({placeholders})",
        ids,
        output_field=BooleanField(),
    )


def acquire_rate_slot(send_id: int, messages: int) -> float:
    """Seconds to wait so all workers together stay under `SEND_RATE` messages per second."""
    rate = float(newsletter_setting("SEND_RATE") or 0)
    if rate <= 0:
        return 0.0
    now = time.time()
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    table = Send._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET rate_slot = {greatest}(rate_slot, %s) + %s WHERE id = %s "  # noqa: S608
            f"RETURNING rate_slot",
            [now, messages / rate, send_id],
        )
        row = cursor.fetchone()
    if row is None:
        return 0.0
    return max(0.0, row[0] - messages / rate - now)
