"""Services that change or read the audience: sign-up, confirmation, preferences, unsubscribe,
suppression, and the audience query dispatch sends to.

Views, the admin, imports and (later) dispatch webhooks all go through these functions, so the
rules live in one place: a sign-up never changes an existing subscriber until the emailed link is
confirmed; unsubscribing is idempotent; suppressed addresses never receive a newsletter.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from newsletters.models import (
    ConsentRecord,
    Subscriber,
    SuppressedAddress,
    Topic,
    email_hash,
    normalize_email,
)


def one_per_translation(topics: Iterable[Topic], language: str) -> dict[str, Topic]:
    """One topic per translation key: its version in `language` where there is one, else the
    first met. The topics' locales should be selected with them."""
    chosen: dict[str, Topic] = {}
    for topic in topics:
        key = str(topic.translation_key)
        if key not in chosen or topic.locale.language_code == language:
            chosen[key] = topic
    return chosen


def public_topics(language: str | None = None) -> list[Topic]:
    """Topics visitors may choose, in `language` where translated, else in the default language.

    One entry per topic (per `translation_key`), ordered like the default-language topics.
    """
    default = settings.LANGUAGE_CODE
    wanted = [default] if not language or language == default else [language, default]
    topics = Topic.objects.filter(is_public=True, locale__language_code__in=wanted).select_related(
        "locale"
    )
    chosen = one_per_translation(topics, wanted[0]).values()
    return sorted(chosen, key=lambda topic: (topic.sort_order, topic.name))


def canonical_topics(keys: Iterable[str | uuid.UUID]) -> list[Topic]:
    """The topics subscriptions point at (default language first) for these translation keys."""
    keys = {str(key) for key in keys}
    if not keys:
        return []
    topics = Topic.objects.filter(translation_key__in=keys).select_related("locale")
    return list(one_per_translation(topics, settings.LANGUAGE_CODE).values())


def topic_names_in(keys: Iterable[str | uuid.UUID], language: str) -> list[str]:
    """The names of the topics with these translation keys as a reader of `language` sees them.

    Each topic's translation in `language` where there is one, else its default-language name;
    in the order of the sign-up form. Keys of deleted topics are left out. One query.
    """
    keys = {str(key) for key in keys}
    if not keys:
        return []
    default = settings.LANGUAGE_CODE
    topics = list(
        Topic.objects.filter(
            translation_key__in=keys, locale__language_code__in={language, default}
        ).select_related("locale")
    )
    order = {
        str(topic.translation_key): (topic.sort_order, topic.name)
        for topic in topics
        if topic.locale.language_code == default
    }
    chosen = one_per_translation(topics, language)
    return [
        chosen[key].name
        for key in sorted(chosen, key=lambda key: order.get(key, (chosen[key].sort_order, "")))
    ]


def audience_for(topics: Iterable[Topic] | None = None) -> QuerySet[Subscriber]:
    """Confirmed, unsuppressed subscribers of any of `topics` (every topic when None or empty).

    Topics may be given in any language: they are matched by `translation_key`. The query uses
    `EXISTS` subqueries rather than joins, so it returns each subscriber once without DISTINCT and
    can be sliced or iterated in batches by dispatch.
    """
    queryset = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exclude(
        Exists(SuppressedAddress.objects.filter(email_hash=OuterRef("email_hash")))
    )
    keys = {topic.translation_key for topic in topics or ()}
    if keys:
        through = Subscriber.topics.through.objects.filter(
            subscriber_id=OuterRef("pk"), topic__translation_key__in=keys
        )
        queryset = queryset.filter(Exists(through))
    return queryset.order_by("pk")


def counts_by_language(subscribers: QuerySet[Subscriber]) -> dict[str, int]:
    """How many of `subscribers` read each language (one query)."""
    rows = subscribers.order_by().values("language").annotate(count=Count("pk"))
    return {row["language"]: row["count"] for row in rows}


def suppress_address(
    email: str, reason: str, *, note: str = "", status: str | None = None
) -> SuppressedAddress:
    """Never mail `email` again; used by erasure, staff and the bounce/complaint webhooks.

    `status` (e.g. `Subscriber.Status.BOUNCED`) is also set on the subscriber when one exists.
    """
    digest = email_hash(email)
    entry, _created = SuppressedAddress.objects.get_or_create(
        email_hash=digest, defaults={"reason": reason, "note": note[:255]}
    )
    if status:
        Subscriber.objects.filter(email_hash=digest).update(
            status=status, updated_at=timezone.now()
        )
    return entry


@dataclass(frozen=True)
class SignupOutcome:
    """What a sign-up did, for the caller to enqueue the right email (never shown to visitors)."""

    subscriber: Subscriber
    consent: ConsentRecord | None
    already_confirmed: bool


def request_subscription(
    email: str,
    *,
    language: str,
    topic_keys: Iterable[str],
    consent_text: str,
    ip_address: str | None,
    page_url: str = "",
) -> SignupOutcome:
    """Record a sign-up: a pending subscriber (if new) and an unconfirmed consent record.

    An existing subscriber's status, language and topics stay as they are until the person
    confirms through the emailed link, so nobody can change someone else's subscription by
    typing their address. For an address that is already confirmed no consent is recorded; the
    caller sends a "you are already subscribed" note instead (same answer on screen).
    """
    address = normalize_email(email)
    topics = canonical_topics(topic_keys)
    with transaction.atomic():
        # get_or_create absorbs the race of two simultaneous sign-ups for one new address.
        subscriber, _created = Subscriber.objects.get_or_create(
            email=address, defaults={"language": language, "source": Subscriber.Source.FORM}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return SignupOutcome(subscriber, None, already_confirmed=True)
        consent = ConsentRecord.objects.create(
            subscriber=subscriber,
            source=ConsentRecord.Source.FORM,
            consent_text=consent_text,
            language=language,
            topic_keys=[str(topic.translation_key) for topic in topics],
            topic_names=[topic.name for topic in topics],
            ip_address=ip_address,
            page_url=page_url[:500],
        )
    return SignupOutcome(subscriber, consent, already_confirmed=False)


def confirm_subscription(consent: ConsentRecord, *, ip_address: str | None) -> Subscriber:
    """Complete a double opt-in: confirm the consent and apply what the person chose.

    Fresh, confirmed consent also lifts a suppression entry for the address.
    """
    now = timezone.now()
    with transaction.atomic():
        consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
        subscriber = Subscriber.objects.select_for_update().get(pk=consent.subscriber_id)
        if consent.confirmed_at is not None:
            return subscriber
        consent.confirmed_at = now
        consent.confirmation_ip = ip_address
        consent.save(update_fields=["confirmed_at", "confirmation_ip"])
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.language = consent.language
        subscriber.save()
        subscriber.topics.set(canonical_topics(consent.topic_keys))
        SuppressedAddress.objects.filter(email_hash=subscriber.email_hash).delete()
    return subscriber


def unsubscribe(subscriber: Subscriber) -> bool:
    """Stop all newsletters to `subscriber`; True if this call changed anything (idempotent)."""
    now = timezone.now()
    changed = Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING]
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now)
    return bool(changed)


def update_preferences(
    subscriber: Subscriber, *, language: str, topic_keys: Iterable[str]
) -> Subscriber:
    """Change a confirmed subscriber's language and topics from the preference centre.

    Non-public topics the person was put on by staff are kept: the form cannot show them.
    """
    topics = canonical_topics(topic_keys)
    with transaction.atomic():
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
        hidden = list(subscriber.topics.filter(is_public=False))
        subscriber.topics.set([*topics, *hidden])
    return subscriber
