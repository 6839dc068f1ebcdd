"""How urgent each kind of background work is, as the Tasks API's priority (higher runs first).

A worker takes the ready task with the highest priority, so work a person is waiting for never
queues behind housekeeping, however much of it is waiting: one worker command serves both, in
that order. Wagtail's own tasks (search and reference indexing, frontend cache purges) are
declared in Wagtail with the default priority, so the levels here are placed around it: ours
that nobody waits for stay at the default beside Wagtail's, the rest rank above.
"""

from django.tasks.base import DEFAULT_TASK_PRIORITY

# Someone waits for the outcome: a subscriber for a confirmation, an editor for a test send or a
# translator for a notification, recipients for a send that has started.
PERSON_WAITING = 50
# Someone follows the progress in the admin, but no inbox waits on it: an import.
PROGRESS_WATCHED = 20
# Nobody waits: search and reference indexing, cache purges (where Wagtail's own tasks run).
HOUSEKEEPING = DEFAULT_TASK_PRIORITY
