"""The sending half of the app: composing an issue, sends, claims, the ESP, dispatch, progress.

Each module has one job, named by its name; the names below are the half's public interface.
"""

from newsletters.sending.claims import Claimed, acquire_rate_slot, claim_batch
from newsletters.sending.dispatcher import Dispatcher
from newsletters.sending.esp import esp_profile
from newsletters.sending.lifecycle import (
    audience_topics,
    cancel_send,
    create_new_subscribers_send,
    create_send,
    create_test_send,
    not_yet_received,
    reschedule_send,
    sendable_now,
    start_due_sends,
    start_send,
)
from newsletters.sending.loop import dispatch, finish_if_complete, watch
from newsletters.sending.outages import surviving_database_outages
from newsletters.sending.progress import STAT_FIELDS, Progress, progress, statistics

__all__ = [
    "STAT_FIELDS",
    "Claimed",
    "Dispatcher",
    "Progress",
    "acquire_rate_slot",
    "audience_topics",
    "cancel_send",
    "claim_batch",
    "create_new_subscribers_send",
    "create_send",
    "create_test_send",
    "dispatch",
    "esp_profile",
    "finish_if_complete",
    "not_yet_received",
    "progress",
    "reschedule_send",
    "sendable_now",
    "start_due_sends",
    "start_send",
    "statistics",
    "surviving_database_outages",
    "watch",
]
