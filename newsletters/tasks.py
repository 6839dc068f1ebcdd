"""Background work of the audience: sending its transactional emails outside the request.

Tasks take primary keys, never objects, so they survive the trip through the database worker,
and do nothing when the row has gone (erased meanwhile) or the email is no longer needed.
"""

from django.tasks import task

from newsletters import emails
from newsletters.models import ConsentRecord, Subscriber


@task
def send_confirmation_email(consent_id: int) -> None:
    """Email the double opt-in link for an unconfirmed consent record."""
    consent = ConsentRecord.objects.select_related("subscriber").filter(pk=consent_id).first()
    if consent is None or consent.confirmed_at is not None:
        return
    emails.send_confirmation(consent)


@task
def send_already_subscribed_email(subscriber_id: int) -> None:
    """Email a confirmed subscriber whose address was signed up again (no enumeration on screen)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.CONFIRMED
    ).first()
    if subscriber is not None:
        emails.send_already_subscribed(subscriber)


@task
def run_subscriber_import(import_id: int) -> None:
    """Process an uploaded CSV in the background, updating its progress for the admin."""
    from newsletters.imports import run_import

    run_import(import_id)
