"""`manage.py send_newsletter PAGE_ID [--test-to EMAIL ...] [--at ISO_DATETIME] [--topics ...]`.

The command-line twin of the admin's "Send newsletter" screen: it queues the send and the database
worker sends it; running it twice queues once. Exit status 0 when queued (or already queued), 1 on
a usage error or when the issue already went to this audience (the message names
`--new-subscribers-only`). Output, one line: `queued send <id>: <n> recipients (<lang> <n>, ...)`,
`scheduled send <id> for <ISO time>: <n> recipients (...)`, `already queued: send <id> (<status>)`,
`test send <id> queued to <addresses> (<lang>)`,
`queued send <id> to new subscribers only: <n> recipients (...)` or
`nobody new: everyone in this audience has received the issue`.
"""

import contextlib
import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone

from newsletters import sending
from newsletters.audience.members import audience_for, counts_by_language
from newsletters.models import NewsletterPage, Send, Topic


def _topic(value: str) -> Topic:
    query = Q(name__iexact=value)
    if value.isdigit():
        query |= Q(pk=int(value))
    with contextlib.suppress(ValueError):
        query |= Q(translation_key=uuid.UUID(value))
    topic = Topic.objects.filter(query).order_by("locale_id").first()
    if topic is None:
        raise CommandError(f"Unknown topic: {value!r}")
    return topic


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--at must be an ISO 8601 date-time, not {value!r}") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment <= timezone.now():
        raise CommandError("--at must be in the future.")
    return moment


def _recipients(counts: dict[str, int]) -> str:
    """`<n> recipients (<lang> <n>, ...)`."""
    summary = ", ".join(f"{code} {count}" for code, count in sorted(counts.items()))
    return f"{sum(counts.values())} recipients ({summary})"


class Command(BaseCommand):
    """Queue, schedule or test-send a newsletter issue from the command line."""

    help = "Queue a newsletter issue for sending (the database worker sends it)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("page_id", type=int, help="Id of the NewsletterPage to send.")
        parser.add_argument(
            "--test-to",
            nargs="+",
            metavar="EMAIL",
            help="Send a test of the latest revision to these addresses only.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of a test (default: the page's).",
        )
        parser.add_argument("--at", help="Send at this ISO 8601 time instead of now.")
        parser.add_argument(
            "--topics",
            nargs="+",
            default=[],
            metavar="TOPIC",
            help="Only subscribers of these topics (name, id or translation key); default: all.",
        )
        parser.add_argument(
            "--new-subscribers-only",
            action="store_true",
            help="Send an issue already sent to this audience to those who have not received it.",
        )

    def handle(self, *args, page_id: int, **options) -> None:
        page = NewsletterPage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No newsletter issue with id {page_id}.")
        if options["test_to"]:
            for address in options["test_to"]:
                try:
                    validate_email(address)
                except ValidationError as error:
                    raise CommandError(f"Not an email address: {address!r}") from error
            language = options["language"] or page.locale.language_code
            send = sending.create_test_send(page, addresses=options["test_to"], language=language)
            self.stdout.write(
                f"test send {send.pk} queued to {', '.join(send.test_recipients)} ({language})"
            )
            return
        if not page.live:
            raise CommandError("Publish the issue before sending it.")
        topics = [_topic(value) for value in options["topics"]]
        scheduled_at = _when(options["at"])
        if options["new_subscribers_only"]:
            if scheduled_at:
                raise CommandError("--new-subscribers-only sends now; leave out --at.")
            self._send_to_new_subscribers(page, topics)
            return
        counts = counts_by_language(audience_for(topics))
        outcome = sending.create_send(page, topics=topics, scheduled_at=scheduled_at)
        send = outcome.send
        if not outcome.created:
            if send.status == Send.Status.DONE:
                raise CommandError(
                    f"already sent: send {send.pk} finished {send.finished_at:%Y-%m-%d %H:%M} "
                    f"({send.total} recipients). To send it to people of this audience who have "
                    f"not received it yet, add --new-subscribers-only."
                )
            self.stdout.write(f"already queued: send {send.pk} ({send.status})")
            return
        if scheduled_at:
            when = scheduled_at.isoformat()
            self.stdout.write(f"scheduled send {send.pk} for {when}: {_recipients(counts)}")
        else:
            self.stdout.write(f"queued send {send.pk}: {_recipients(counts)}")

    def _send_to_new_subscribers(self, page: NewsletterPage, topics: list[Topic]) -> None:
        counts = counts_by_language(sending.not_yet_received(page, topics))
        outcome = sending.create_new_subscribers_send(page, topics=topics)
        if outcome is None:
            self.stdout.write("nobody new: everyone in this audience has received the issue")
            return
        self.stdout.write(
            f"queued send {outcome.send.pk} to new subscribers only: {_recipients(counts)}"
        )
