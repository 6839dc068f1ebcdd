"""The audience's transactional emails: the double opt-in confirmation, the welcome once
confirmed, and the "already subscribed" note with the preference-centre link.

Each is rendered in the recipient's language (topic names included: a topic is translated like
any snippet) inside the newsletter's own layout, so it carries the same header, colours and
funding line, and holds at 320 px: links are buttons, and each raw address sits in a block that
wraps.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

import css_inline

from newsletters.audience.members import topic_names_in
from newsletters.audience.tokens import confirm_url, preferences_url
from newsletters.conf import base_url
from newsletters.models import ConsentRecord, Subscriber

SITE_NAME = "STEM PD Net"

_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True)


@dataclass(frozen=True)
class RenderedEmail:
    """One transactional email as it will be sent: subject, plain text and inlined HTML."""

    subject: str
    text: str
    html: str


def render_email(template: str, language: str, context: dict) -> RenderedEmail:
    """Render `newsletters/email/<template>` (subject, text, HTML) in `language`."""
    with translation.override(language):
        context = {
            "site_name": SITE_NAME,
            "site_url": f"{base_url()}/{language}/",
            "language": language,
            **context,
        }
        subject = render_to_string(f"newsletters/email/{template}_subject.txt", context)
        text = render_to_string(f"newsletters/email/{template}.txt", context)
        html = render_to_string(f"newsletters/email/{template}.html", context)
    return RenderedEmail(
        subject=" ".join(subject.split()),  # one line: a template's newline must not split it
        text=text,
        html=_INLINER.inline(html),
    )


def send(to: str, email: RenderedEmail) -> None:
    """Send a rendered email to one address through the default mailer."""
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(email.html, "text/html")
    message.send()


def language_of(code: str) -> str:
    """A site language as known, else the default (a removed language must still get mail)."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def confirmation_email(consent: ConsentRecord) -> RenderedEmail:
    """The double opt-in email for `consent`, in the language the person chose."""
    language = language_of(consent.language)
    context = {
        "confirm_url": confirm_url(consent.subscriber, consent.pk),
        "topics": topic_names_in(consent.topic_keys, language),
    }
    return render_email("confirm", language, context)


def welcome_email(subscriber: Subscriber) -> RenderedEmail:
    """The note that a confirmed subscription has started, with the topics and settings link."""
    language = language_of(subscriber.language)
    keys = [topic.translation_key for topic in subscriber.topics.all()]
    context = {
        "email": subscriber.email,
        "topics": topic_names_in(keys, language),
        "preferences_url": preferences_url(subscriber),
    }
    return render_email("welcome", language, context)


def already_subscribed_email(subscriber: Subscriber) -> RenderedEmail:
    """The note to a confirmed subscriber whose address was signed up again.

    The form answers the same for known and unknown addresses; only the mailbox owner learns
    that the address was already on the list.
    """
    language = language_of(subscriber.language)
    context = {"preferences_url": preferences_url(subscriber)}
    return render_email("already_subscribed", language, context)
