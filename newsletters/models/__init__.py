"""The newsletters app's models: subscribers, pages, sends and verified test addresses."""

from newsletters.models.pages import NewsletterIndexPage, NewsletterPage
from newsletters.models.sends import Delivery, Send, SendWorker, audience_key_for
from newsletters.models.subscribers import (
    EMAIL_MAX_LENGTH,
    ConsentRecord,
    NewsletterSettings,
    Subscriber,
    SubscriberImport,
    SuppressedAddress,
    Topic,
    email_hash,
    new_token_key,
    normalize_email,
    validate_language,
)
from newsletters.models.verified_addresses import VerifiedAddress

__all__ = [
    "EMAIL_MAX_LENGTH",
    "ConsentRecord",
    "Delivery",
    "NewsletterIndexPage",
    "NewsletterPage",
    "NewsletterSettings",
    "Send",
    "SendWorker",
    "Subscriber",
    "SubscriberImport",
    "SuppressedAddress",
    "Topic",
    "VerifiedAddress",
    "audience_key_for",
    "email_hash",
    "new_token_key",
    "normalize_email",
    "validate_language",
]
