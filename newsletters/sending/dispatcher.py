"""Sending claimed batches of one send from one worker: recipients, messages, the ESP call.

A batch goes out with anymail's batch sending (`merge_data` for the per-recipient links,
`merge_headers` for `List-Unsubscribe`) where the ESP merges fields into inline content, else as
one message per recipient over one open connection. The ESP's message ids are written in one
UPDATE right after it answers, so nobody is marked sent without its acknowledgement, and a
worker killed between the two resends only the one call in flight. Outcomes that meet a database
outage wait in memory and are written first when it is back.
"""

import logging
import smtplib
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.core import mail
from django.utils import timezone

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from anymail.message import AnymailMessage

from newsletters import proof_sends
from newsletters.audience.tokens import BatchLinks
from newsletters.models import Delivery, Send, Subscriber
from newsletters.sending.claims import Claimed, Outcome, acquire_rate_slot, record_outcomes
from newsletters.sending.esp import (
    EspProfile,
    Rejected,
    Retry,
    backoff,
    classify,
    esp_profile,
    retries_exhausted,
)
from newsletters.sending.lifecycle import cancel_send
from newsletters.sending.liveness import HeartbeatThread, beat, heartbeat_interval, worker_id
from newsletters.sending.rendering import MERGE_FIELDS, Edition, render_edition

logger = logging.getLogger(__name__)

TEST_SUBJECT_PREFIX = "[Test] "
RECRUIT_EVERY = 30.0  # seconds between a dispatcher's asks for a helper (see `may_recruit`)


class RefusedTestSend(Exception):
    """The person who asked for a test may no longer see the draft it would render."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Recipient:
    """A claimed delivery with what its message needs: address, links, headers."""

    claimed: Claimed
    email: str
    values: dict[str, str]
    headers: dict[str, str]


class Addressee(NamedTuple):
    """The little of a subscriber that one message needs (building a model row per recipient
    cost more than signing their links)."""

    pk: int
    email: str
    language: str
    token_key: str


def _shared_headers(recipients: list["Recipient"]) -> dict[str, str]:
    """Headers every recipient of a batch has with the same value (`List-Unsubscribe-Post`).

    They go once in the message instead of once per recipient in the ESP's merge variables.
    """
    first, *others = recipients
    return {
        name: value
        for name, value in first.headers.items()
        if all(other.headers.get(name) == value for other in others)
    }


def _test_subscriber(email: str, language: str) -> Addressee:
    # Links in a test email must look real but must not work: id 0 never matches a subscriber.
    return Addressee(pk=0, email=email, language=language, token_key="test")  # noqa: S106


@dataclass
class Dispatcher:
    """Sends the claimed batches of one send from one worker, reusing one ESP connection."""

    send: Send
    worker: str = field(default_factory=worker_id)
    editions: dict[str, Edition] = field(default_factory=dict)
    backend: Any = None
    profile: EspProfile | None = None  # set by `open()`
    last_heartbeat: float = 0.0
    unrecorded: dict[int, Outcome] = field(default_factory=dict)
    _heartbeat_thread: HeartbeatThread | None = None
    _recruited_at: float | None = None

    def open(self) -> None:
        self.backend = mail.mailers.default
        self.profile = esp_profile(self.backend)
        self.backend.open()

    def close(self) -> None:
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.stop()
            self._heartbeat_thread = None
        if self.backend is not None:
            try:
                self.backend.close()
            except (OSError, smtplib.SMTPException, AnymailError):
                logger.warning("Closing the mail connection failed", exc_info=True)

    def edition(self, language: str) -> Edition:
        """The issue rendered for `language`, once per worker run.

        A test renders a draft, so its requester's right to see it is checked again here, at
        render time: `RefusedTestSend` when it is gone (see `newsletters.proof_sends`).
        """
        if language not in self.editions:
            if self.send.is_test:
                self.check_test_requester(language)
            page = self.send.page.edition_page(language, draft=self.send.is_test)
            # Body and chrome in one language: a reader without a translation gets the
            # source's body in the source's words, never an English body in German chrome.
            edition = render_edition(page, page.locale.language_code)
            if self.send.is_test:
                edition = replace(edition, subject=TEST_SUBJECT_PREFIX + edition.subject)
            self.editions[language] = edition
        return self.editions[language]

    def check_test_requester(self, language: str) -> None:
        """Cancel this test, log why and raise `RefusedTestSend` if its requester lost the right."""
        reason = proof_sends.refusal(self.send, language)
        if reason is None:
            return
        cancel_send(self.send)
        Send.objects.filter(pk=self.send.pk).update(
            last_error=str(proof_sends.REFUSALS[reason])[:255]
        )
        proof_sends.log_refusal(self.send, language, reason)
        raise RefusedTestSend(reason)

    def heartbeat(self, force: bool = False) -> None:
        """Say this dispatcher is alive (at most every `HEARTBEAT_INTERVAL`).

        With a background heartbeat (a task worker) the thread does it and this is a no-op.
        """
        if self._heartbeat_thread is not None:
            return
        now = time.monotonic()
        if force or now - self.last_heartbeat >= heartbeat_interval():
            beat(self.send.pk, self.worker)
            self.last_heartbeat = now

    def may_recruit(self) -> bool:
        """Whether to ask for a helper now: once at the start, then every `RECRUIT_EVERY`.

        Each helper asks for the next one when it starts, so one ask per dispatcher fills every
        idle worker; asking again later only covers a lost task, and keeps the query off most
        batches (two queries per ESP call: the claim, with its subscribers, and the outcomes).
        """
        now = time.monotonic()
        if self._recruited_at is not None and now - self._recruited_at < RECRUIT_EVERY:
            return False
        self._recruited_at = now
        return True

    def start_background_heartbeat(self) -> None:
        """Beat from a thread from now on, so a long ESP call or backoff keeps the claims."""
        beat(self.send.pk, self.worker)
        self._heartbeat_thread = HeartbeatThread(self.send.pk, self.worker)
        self._heartbeat_thread.start()

    # -- one batch --

    def recipients(self, batch: list[Claimed]) -> tuple[list[Recipient], dict[int, Outcome]]:
        """Who of the batch still gets it: confirmed and not suppressed when claimed (no query)."""
        skipped: dict[int, Outcome] = {}
        recipients = []
        links = BatchLinks()
        for row in batch:
            if row.subscriber_id is None:
                subscriber = _test_subscriber(row.email, row.language)
            else:
                now = row.subscriber
                if now is None or now.status != Subscriber.Status.CONFIRMED or now.suppressed:
                    skipped[row.id] = Outcome(Delivery.Status.SKIPPED, error="no longer subscribed")
                    continue
                subscriber = Addressee(row.subscriber_id, now.email, now.language, now.token_key)
            own = links.for_recipient(subscriber)
            values = {name: getattr(own, name) for name in MERGE_FIELDS}
            recipients.append(Recipient(row, subscriber.email, values, own.headers))
        return recipients, skipped

    def _message(self, edition: Edition, to: list[str], html: str, text: str) -> AnymailMessage:
        message = AnymailMessage(
            subject=edition.subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
        )
        message.attach_alternative(html, "text/html")
        message.metadata = {"newsletter_send": str(self.send.pk)}
        message.tags = ["newsletter"]
        return message

    def _statuses(self, message: AnymailMessage) -> dict[str, Any]:
        status = getattr(message, "anymail_status", None)
        recipients = getattr(status, "recipients", None) or {}
        return {email.lower(): value for email, value in recipients.items()}

    def batch_message(self, recipients: list[Recipient]) -> AnymailMessage:
        """One message to recipients of one language, their own values in the merge data."""
        merge_format = self.profile.merge_field_format or "{}"
        edition = self.edition(recipients[0].claimed.language)
        merge = {name: merge_format.format(name) for name in MERGE_FIELDS}
        html, text = edition.personalize(merge)
        message = self._message(edition, [r.email for r in recipients], html, text)
        message.merge_data = {r.email: r.values for r in recipients}
        shared = _shared_headers(recipients)
        message.extra_headers = shared
        message.merge_headers = {
            r.email: {name: value for name, value in r.headers.items() if name not in shared}
            for r in recipients
        }
        message.merge_metadata = {
            r.email: {"newsletter_delivery": str(r.claimed.id)} for r in recipients
        }
        return message

    def send_batch(self, recipients: list[Recipient]) -> dict[int, Outcome]:
        """One API call for recipients of one language; per-recipient outcomes to record."""
        message = self.batch_message(recipients)
        try:
            self.backend.send_messages([message])
        except AnymailRecipientsRefused:
            pass  # every recipient refused: their statuses say so, below
        except Exception as error:  # noqa: BLE001 - classify() sorts and logs it
            problem = classify(error)
            if isinstance(problem, Rejected) and len(recipients) > 1:
                # One bad address can make an ESP refuse the whole batch: find it.
                # (each outcome is recorded as it comes: nothing left to return)
                for recipient in recipients:
                    self.send_single([recipient])
                return {}
            return self._failed(recipients, problem)
        statuses = self._statuses(message)
        return {r.claimed.id: self._outcome(r, statuses.get(r.email.lower())) for r in recipients}

    def send_single(self, recipients: list[Recipient]) -> dict[int, Outcome]:
        """One message per recipient over the open connection, recording each as it goes.

        Each acknowledgement is written at once, so a crash duplicates at most one message;
        every outcome returned is already recorded.
        """
        outcomes: dict[int, Outcome] = {}
        for position, recipient in enumerate(recipients):
            edition = self.edition(recipient.claimed.language)
            html, text = edition.personalize(recipient.values)
            message = self._message(edition, [recipient.email], html, text)
            message.extra_headers = dict(recipient.headers)
            message.metadata["newsletter_delivery"] = str(recipient.claimed.id)
            problem = None
            try:
                self.backend.send_messages([message])
            except AnymailRecipientsRefused:
                pass  # its status says so, below
            except Exception as error:  # noqa: BLE001 - classify() sorts and logs it
                problem = classify(error)
            if problem is None:
                status = self._statuses(message).get(recipient.email.lower())
                outcome = {recipient.claimed.id: self._outcome(recipient, status)}
            elif isinstance(problem, Retry):
                # Stop here: the ESP is struggling; the rest wait with the same backoff.
                outcome = self._failed(recipients[position:], problem)
            else:
                outcome = self._failed([recipient], problem)
            self.record(outcome)
            outcomes.update(outcome)
            if isinstance(problem, Retry):
                break
        return outcomes

    def _outcome(self, recipient: Recipient, status: Any) -> Outcome:
        email = recipient.email if recipient.email != recipient.claimed.email else None
        if status is None:  # a backend without per-recipient status (SMTP, files): it accepted
            return Outcome(Delivery.Status.SENT, email=email)
        if status.status in {"rejected", "invalid", "failed"}:
            return Outcome(
                Delivery.Status.FAILED, error=f"ESP status: {status.status}", email=email
            )
        return Outcome(
            Delivery.Status.SENT,
            esp_message_id="" if status.message_id is None else str(status.message_id),
            email=email,
        )

    def _failed(self, recipients: list[Recipient], problem: Exception) -> dict[int, Outcome]:
        now = timezone.now()
        outcomes = {}
        for recipient in recipients:
            attempts = recipient.claimed.attempts
            if isinstance(problem, Retry) and not retries_exhausted(
                attempts, self.send.started_at, now
            ):
                delay = backoff(attempts, problem.retry_after)
                outcomes[recipient.claimed.id] = Outcome(
                    Delivery.Status.PENDING,
                    error=str(problem),
                    available_at=now + timedelta(seconds=delay),
                )
            else:
                outcomes[recipient.claimed.id] = Outcome(Delivery.Status.FAILED, error=str(problem))
        if recipients:
            Send.objects.filter(pk=self.send.pk).update(last_error=str(problem)[:255])
        return outcomes

    def process(self, batch: list[Claimed]) -> None:
        """Send one claimed batch, recording the outcomes of each ESP call right after it.

        Claims hold one language, but the rows are grouped by language all the same, so a
        batch handed in from elsewhere still makes one call per language, each written at once.
        """
        recipients, skipped = self.recipients(batch)
        self.record(skipped)
        by_language: dict[str, list[Recipient]] = defaultdict(list)
        for recipient in recipients:
            by_language[recipient.claimed.language].append(recipient)
        try:
            for group in by_language.values():
                wait = acquire_rate_slot(self.send.pk, len(group))
                if wait:
                    time.sleep(wait)
                if self.profile.batches:
                    self.record(self.send_batch(group))
                else:
                    self.send_single(group)  # records each message as it goes
        except RefusedTestSend as refused:
            # Only rows still held are written: anything already sent keeps its outcome.
            cancelled = Outcome(Delivery.Status.CANCELLED, error=f"refused: {refused.reason}")
            self.record(dict.fromkeys((row.id for row in batch), cancelled))

    def record(self, outcomes: dict[int, Outcome]) -> None:
        """Write outcomes, together with any the database missed during an outage.

        The ESP has already acted on them, so if the database is away they stay in memory and
        are written before anything else once it is back: a restart costs no duplicate.
        """
        self.unrecorded.update(outcomes)
        if self.unrecorded:
            record_outcomes(self.unrecorded, self.worker, timezone.now())
            self.unrecorded.clear()
