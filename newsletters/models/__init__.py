"""The newsletters app's models, one module per concern.

- `audience`: topics, subscribers, consent records, imports, the suppression list, settings.
- `pages`: the newsletter archive and the newsletter issue editors compose.
- `dispatch`: a send of an issue to an audience, and one delivery per recipient.
"""

from newsletters.models.audience import (
    EMAIL_MAX_LENGTH,
    ConsentRecord,
    NewsletterSettings,
    Subscriber,
    SubscriberImport,
    SuppressedAddress,
    Topic,
    email_hash,
    language_choices,
    new_token_key,
    normalize_email,
    validate_language,
)
from newsletters.models.dispatch import Delivery, Send, audience_key_for
from newsletters.models.pages import NewsletterIndexPage, NewsletterPage

__all__ = [
    "EMAIL_MAX_LENGTH",
    "ConsentRecord",
    "Delivery",
    "NewsletterIndexPage",
    "NewsletterPage",
    "NewsletterSettings",
    "Send",
    "Subscriber",
    "SubscriberImport",
    "SuppressedAddress",
    "Topic",
    "audience_key_for",
    "email_hash",
    "language_choices",
    "new_token_key",
    "normalize_email",
    "validate_language",
]
