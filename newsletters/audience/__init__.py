"""The audience half of the app: subscribers, consent, tokens, sign-up, imports, GDPR.

`members` holds the services every view, import and webhook goes through (sign-up,
confirmation, preferences, unsubscribe, suppression, the audience query); the ones views and
webhooks call are re-exported here. `tokens` signs the links in emails, `emails` sends the
transactional ones, `imports` reads CSV files, `gdpr` exports and erases a subscriber's data,
`privacy_notice` finds the privacy notice.
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
