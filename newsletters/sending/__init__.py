"""The sending half of the app: composing an issue, sends, claims, the ESP, dispatch, progress.

Modules, each with one job: `rendering` (an issue as an email), `lifecycle` (create, start,
reschedule, cancel a send), `esp` (the ESP's capabilities and errors), `claims` (claiming and
recording deliveries), `dispatcher` (sending a claimed batch), `loop` (the dispatch loop and the
watchdog), `heap` (keeping the worker's long-lived objects out of full garbage collections),
`outages` (surviving a database restart), `progress` (where a send stands), `scheduling`
(queueing work without importing the tasks). The names below are the half's public interface.
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
