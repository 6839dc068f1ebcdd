"""The audience's transactional emails: the double opt-in confirmation and the "already
subscribed" note, each rendered in the recipient's language and sent through the default mailer.

The mailer (`MAILERS["default"]`) is chosen by the environment, so the same code sends through
SMTP in development and any anymail ESP in production.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from newsletters.audience.tokens import confirm_url, preferences_url
from newsletters.conf import base_url
from newsletters.models import ConsentRecord, Subscriber

SITE_NAME = "STEM PD Net"


def _send(to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language):
        context = {"site_name": SITE_NAME, "site_url": base_url() + "/", **context}
        subject = render_to_string(f"newsletters/email/{template}_subject.txt", context)
        text = render_to_string(f"newsletters/email/{template}.txt", context)
        html = render_to_string(f"newsletters/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # one line: a template's newline must not split it
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation(consent: ConsentRecord) -> None:
    """Ask the person to confirm the sign-up `consent` records, in the language they chose."""
    subscriber = consent.subscriber
    context = {
        "confirm_url": confirm_url(subscriber, consent.pk),
        "topics": consent.topic_names,
    }
    _send(subscriber.email, consent.language, "confirm", context)


def send_already_subscribed(subscriber: Subscriber) -> None:
    """Tell a confirmed subscriber someone signed their address up again, with their settings link.

    The form answers the same for known and unknown addresses; only the mailbox owner learns
    that the address was already on the list.
    """
    context = {"preferences_url": preferences_url(subscriber)}
    _send(subscriber.email, subscriber.language, "already_subscribed", context)
