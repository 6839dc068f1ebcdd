"""The audience half of the app: subscribers, consent, tokens, sign-up, imports, GDPR.

Every view, import and webhook goes through the services of `members`; the ones views and
webhooks call are re-exported here.
"""

from newsletters.audience.members import (
    confirm_subscription,
    request_subscription,
    suppress_address,
    topic_names_in,
    unsubscribe,
    update_preferences,
)

__all__ = [
    "confirm_subscription",
    "request_subscription",
    "suppress_address",
    "topic_names_in",
    "unsubscribe",
    "update_preferences",
]
