"""CSV import of subscribers, shared by `manage.py import_subscribers` and the admin upload.

Imports are how lists collected elsewhere (conference registrations, a partner's old list) join
the audience, so they must be lawful and fast: every row gets a consent record naming the consent
source staff declared; suppressed, unsubscribed and bounced addresses are never added back; and
the work is a handful of bulk queries per thousand rows.

Rows end in one of: created, existing (already subscribed or pending: left untouched), invalid,
duplicate (the address appeared earlier in the file) or suppressed.
"""

import csv
import functools
import io
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import batched

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters.audience.members import one_per_translation
from newsletters.models import (
    EMAIL_MAX_LENGTH,
    ConsentRecord,
    Subscriber,
    SubscriberImport,
    SuppressedAddress,
    Topic,
    email_hash,
    new_token_key,
    normalize_email,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
LOOKUP_CHUNK = 900  # stays under SQLite's limit on query parameters on old versions
REPORT_LIMIT = 1000  # problems listed one by one; the counts are always complete
EMAIL_COLUMNS = ("email", "e-mail", "email address", "e-mail address", "mail")
INACTIVE = {
    Subscriber.Status.UNSUBSCRIBED,
    Subscriber.Status.BOUNCED,
    Subscriber.Status.COMPLAINED,
}

Progress = Callable[[int, int], None]


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (no email column, not UTF-8 text)."""


@dataclass
class ImportReport:
    """Counts per outcome and the first problems row by row (row numbers count the header as 1)."""

    total: int = 0
    created: int = 0
    existing: int = 0
    invalid: int = 0
    duplicate: int = 0
    suppressed: int = 0
    problems: list[dict] = field(default_factory=list)

    def add_problem(self, kind: str, row: int, reason: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.problems) < REPORT_LIMIT:
            self.problems.append({"row": row, "kind": kind, "reason": reason})


@dataclass(frozen=True)
class Candidate:
    row: int
    email: str
    language: str
    topic_ids: frozenset[int]


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file: UTF-8, with or without Excel's byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError("The file is not UTF-8 text; save it as “CSV UTF-8”.") from error


def read_rows(text: str) -> tuple[list[dict[str, str]], str]:
    """Parse CSV text into rows keyed by lower-case column names; return rows and delimiter.

    Spreadsheets in much of Europe save with ";" between columns, so the delimiter is taken from
    the header line.
    """
    header = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        columns = [name.strip().lower() for name in next(reader)]
    except StopIteration as error:
        raise ImportFileError("The file is empty.") from error
    email_column = next((name for name in EMAIL_COLUMNS if name in columns), None)
    if email_column is None:
        raise ImportFileError("The header row has no “email” column.")
    columns[columns.index(email_column)] = "email"
    rows = [
        {name: (values[i] if i < len(values) else "") for i, name in enumerate(columns)}
        for values in reader
        if any(value.strip() for value in values)
    ]
    return rows, delimiter


def _topic_lookup() -> dict[str, int]:
    """Topic names in every language (lower case) -> id of the default-language topic."""
    topics = list(Topic.objects.select_related("locale"))
    canonical = one_per_translation(topics, settings.LANGUAGE_CODE)
    return {
        topic.name.strip().lower(): canonical[str(topic.translation_key)].pk for topic in topics
    }


def _language(value: str, default: str) -> str | None:
    value = value.strip().lower().replace("_", "-")
    if not value:
        return default
    codes = dict(settings.LANGUAGES)
    if value in codes:
        return value
    base = value.split("-", 1)[0]
    return base if base in codes else None


def _validate(
    rows: Sequence[dict[str, str]],
    delimiter: str,
    default_language: str,
    extra_topic_ids: frozenset[int],
    report: ImportReport,
) -> list[Candidate]:
    """Check each row on its own (address, language, topics) and drop duplicates in the file."""
    topic_names = _topic_lookup()
    separators = [sep for sep in (";", "|", ",") if sep != delimiter]
    seen: set[str] = set()
    candidates = []
    for number, row in enumerate(rows, start=2):
        raw = row.get("email", "")
        if any(ord(char) < 32 or ord(char) == 127 for char in raw):
            report.add_problem("invalid", number, "control characters in the address")
            continue
        address = normalize_email(raw)
        if not address or len(address) > EMAIL_MAX_LENGTH:
            report.add_problem("invalid", number, "missing or overlong address")
            continue
        try:
            validate_email(address)
        except ValidationError:
            report.add_problem("invalid", number, "not a valid email address")
            continue
        language = _language(row.get("language", ""), default_language)
        if language is None:
            report.add_problem("invalid", number, "unknown language")
            continue
        names = row.get("topics", "")
        for separator in separators[1:]:
            names = names.replace(separator, separators[0])
        topic_ids = set(extra_topic_ids)
        unknown = []
        for name in filter(None, (part.strip().lower() for part in names.split(separators[0]))):
            if name in topic_names:
                topic_ids.add(topic_names[name])
            else:
                unknown.append(name)
        if unknown:
            report.add_problem("invalid", number, f"unknown topic: {unknown[0][:60]}")
            continue
        if address in seen:
            report.add_problem("duplicate", number, "address appears earlier in the file")
            continue
        seen.add(address)
        candidates.append(Candidate(number, address, language, frozenset(topic_ids)))
    return candidates


def _known(candidates: Sequence[Candidate]) -> tuple[dict[str, str], set[str]]:
    """Existing subscribers' statuses by address, and the suppressed hashes, in a few queries."""
    statuses: dict[str, str] = {}
    suppressed: set[str] = set()
    for chunk in batched(candidates, LOOKUP_CHUNK):
        emails = [candidate.email for candidate in chunk]
        statuses.update(Subscriber.objects.filter(email__in=emails).values_list("email", "status"))
        hashes = [email_hash(email) for email in emails]
        suppressed.update(
            SuppressedAddress.objects.filter(email_hash__in=hashes).values_list(
                "email_hash", flat=True
            )
        )
    return statuses, suppressed


def _create_batch(
    batch: Sequence[Candidate],
    *,
    consent_source: str,
    actor,
    subscriber_import: SubscriberImport | None,
) -> int:
    """Insert one batch: subscribers, their consent records and topics (three bulk inserts)."""
    now = timezone.now()
    with transaction.atomic():
        subscribers = Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=candidate.email,
                    email_hash=email_hash(candidate.email),
                    language=candidate.language,
                    status=Subscriber.Status.CONFIRMED,
                    source=Subscriber.Source.IMPORT,
                    token_key=new_token_key(),
                    created_at=now,
                    confirmed_at=now,
                )
                for candidate in batch
            ]
        )
        ConsentRecord.objects.bulk_create(
            [
                ConsentRecord(
                    subscriber_id=subscriber.pk,
                    source=ConsentRecord.Source.IMPORT,
                    consent_text=consent_source,
                    language=candidate.language,
                    created_at=now,
                    confirmed_at=now,
                    subscriber_import=subscriber_import,
                    actor=actor,
                    page_url=f"row {candidate.row}",
                )
                for subscriber, candidate in zip(subscribers, batch, strict=True)
            ]
        )
        through = Subscriber.topics.through
        through.objects.bulk_create(
            [
                through(subscriber_id=subscriber.pk, topic_id=topic_id)
                for subscriber, candidate in zip(subscribers, batch, strict=True)
                for topic_id in candidate.topic_ids
            ]
        )
    return len(subscribers)


def import_subscribers(
    text: str,
    *,
    consent_source: str,
    default_language: str = settings.LANGUAGE_CODE,
    topics: Iterable[Topic] = (),
    actor=None,
    subscriber_import: SubscriberImport | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import CSV `text` as confirmed subscribers whose consent came from `consent_source`.

    Nothing already on the audience is changed. `progress(done, total)` is called after each
    batch. Raises `ImportFileError` when the file cannot be read at all.
    """
    consent_source = consent_source.strip()
    if not consent_source:
        raise ValueError("A consent source is required to import subscribers.")
    rows, delimiter = read_rows(text)
    report = ImportReport(total=len(rows))
    extra = frozenset(topic.pk for topic in topics)
    candidates = _validate(rows, delimiter, default_language, extra, report)
    statuses, suppressed = _known(candidates)
    to_create = []
    for candidate in candidates:
        status = statuses.get(candidate.email)
        if status in INACTIVE:
            report.add_problem("suppressed", candidate.row, f"subscriber is {status}")
        elif email_hash(candidate.email) in suppressed:
            report.add_problem("suppressed", candidate.row, "address is on the suppression list")
        elif status is not None:
            report.existing += 1
        else:
            to_create.append(candidate)
    done = report.total - len(to_create)
    if progress:
        progress(done, report.total)
    create = functools.partial(
        _create_batch,
        consent_source=consent_source,
        actor=actor,
        subscriber_import=subscriber_import,
    )
    for batch in batched(to_create, BATCH_SIZE):
        try:
            report.created += create(batch)
        except IntegrityError:
            # Someone signed up with one of these addresses since the lookup: retry the rest.
            taken = set(
                Subscriber.objects.filter(
                    email__in=[candidate.email for candidate in batch]
                ).values_list("email", flat=True)
            )
            report.existing += len(taken)
            report.created += create([c for c in batch if c.email not in taken])
        done += len(batch)
        if progress:
            progress(done, report.total)
    report.problems.sort(key=lambda problem: problem["row"])
    return report


def run_import(import_id: int) -> SubscriberImport | None:
    """Run an uploaded import, keeping its row up to date for the admin's progress page."""
    job = SubscriberImport.objects.filter(pk=import_id).first()
    if job is None or job.status != SubscriberImport.Status.QUEUED:
        return job
    SubscriberImport.objects.filter(pk=job.pk).update(status=SubscriberImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        SubscriberImport.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    try:
        report = import_subscribers(
            job.csv_text,
            consent_source=job.consent_source,
            default_language=job.default_language,
            topics=list(job.topics.all()),
            actor=job.created_by,
            subscriber_import=job,
            progress=progress,
        )
    except ImportFileError as error:
        job.status = SubscriberImport.Status.FAILED
        job.error = str(error)
    except Exception:
        # Deliberately any error: the job must end FAILED (its page stops waiting), with the
        # traceback in the log.
        logger.exception("Subscriber import %s failed", job.pk)
        job.status = SubscriberImport.Status.FAILED
        job.error = "The import stopped with an unexpected error; the log has the details."
    else:
        job.status = SubscriberImport.Status.DONE
        job.total_rows = job.processed_rows = report.total
        for outcome in ("created", "existing", "invalid", "duplicate", "suppressed"):
            setattr(job, f"{outcome}_count", getattr(report, outcome))
        job.report = report.problems
    job.csv_text = ""  # the file's personal data must not outlive the import
    job.finished_at = timezone.now()
    job.save()
    return job
