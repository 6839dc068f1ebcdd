"""The review workflow's and task's names in the reader's language, wherever Wagtail prints them.

Our workflow and its task are named with msgids (`REVIEW_WORKFLOW`, `REVIEW_TASK`). Wagtail
prints a workflow's or task's name as stored: in the editor's status panel, the dashboard, the
"Resubmit to …" action, its e-mails. A workflow or task loaded with one of our names holds it as
a `ReaderName`, which stores, compares and serialises as the msgid but prints in the active
language; a translated name saved back (the workflow's edit form shows it) is stored as its
msgid again. History entries keep the names in their data, so their formatters translate them.
"""

import copy
from functools import cache

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop

from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import Task, Workflow
from wagtail.workflows import get_task_types

from home.hyphenation import hyphenate

REVIEW_WORKFLOW = gettext_noop("Translation review")
REVIEW_TASK = gettext_noop("Review by communications staff")
NAMES = (REVIEW_WORKFLOW, REVIEW_TASK)


class ReaderName(str):
    """A name whose value is its msgid and whose printed form is in the active language."""

    __slots__ = ()

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __html__(self) -> str:
        """In HTML, long words carry soft hyphens: "Übersetzungsprüfung" fits a phone's dialog."""
        return escape(hyphenate(str(self), translation.get_language() or settings.LANGUAGE_CODE))


@cache
def msgid_of() -> dict[str, str]:
    """Each of our names, and each of its translations, mapped to the msgid."""
    known = {name: name for name in NAMES}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            known.update({gettext(name): name for name in NAMES})
    return known


def name_for_reader(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")
    if name in NAMES and not isinstance(name, ReaderName):
        instance.name = ReaderName(name)


def name_as_msgid(sender, instance, **kwargs) -> None:
    msgid = msgid_of().get(str.__str__(instance.name))
    if msgid is not None:
        instance.name = ReaderName(msgid)


def connect() -> None:
    """Connect the receivers to the workflow model and every task model (called from `ready`)."""
    for model in (Workflow, Task, *get_task_types()):
        post_init.connect(name_for_reader, sender=model, dispatch_uid=f"reader_name_{model}")
        pre_save.connect(name_as_msgid, sender=model, dispatch_uid=f"msgid_name_{model}")


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
