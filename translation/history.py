"""Page history in the reader's language: the review workflow's and task's names.

Wagtail's workflow log entries store the names the workflow and its task had when the step was
taken ("Translation review", "Review by communications staff"), and its formatters print them as
stored. Our workflow is named with msgids (`groups.ensure_review_workflow`), so the history a
German translator reads can name it in German: each workflow formatter is wrapped to translate
the stored names before the upstream formatter writes its own, translated, sentence.
"""

import copy

from django.utils.translation import gettext

from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter

WORKFLOW_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


def translated_names(data: dict) -> dict:
    """A copy of a workflow log entry's data with each stored name passed through gettext."""
    data = copy.deepcopy(data)
    workflow = data.get("workflow")
    if isinstance(workflow, dict):
        for part in (workflow, workflow.get("task"), workflow.get("next")):
            if isinstance(part, dict) and isinstance(part.get("title"), str):
                part["title"] = gettext(part["title"])
    return data


class NamesInReadersLanguage(LogFormatter):
    """Wagtail's formatter for one workflow action, fed names in the reader's language."""

    def __init__(self, upstream: LogFormatter) -> None:
        self.upstream = upstream
        self.label = upstream.label

    def format_message(self, log_entry) -> str:
        shadow = copy.copy(log_entry)
        shadow.data = translated_names(log_entry.data or {})
        return self.upstream.format_message(shadow)

    def format_comment(self, log_entry) -> str:
        return self.upstream.format_comment(log_entry)


@hooks.register("register_log_actions", order=100)  # after Wagtail's own formatters
def workflow_names_in_readers_language(actions: LogActionRegistry) -> None:
    for action in WORKFLOW_ACTIONS:
        upstream = actions.formatters.get(action)
        if upstream is not None and not isinstance(upstream, NamesInReadersLanguage):
            actions.formatters[action] = NamesInReadersLanguage(upstream)
