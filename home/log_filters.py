"""The console's logging filter for the task worker's progress lines.

`manage.py db_worker` sets its loggers' level from its `--verbosity` (INFO by default) whatever
`LOGGING` says, and logs two lines per task. During the demo load that is about 1,500 lines in
`make run`'s terminal, which scroll the demo logins away; on a busy production worker it buries
the failures. This filter applies `TASKS_LOG_LEVEL` at the console handler instead, which the
worker does not touch: progress shows only when asked for, failures (WARNING and up) always.
"""

import logging

TASK_LOGGERS = ("django.tasks", "django_tasks", "django_tasks_db")


class TaskLogLevel(logging.Filter):
    """Drop records of the task loggers below `level`; every other record passes."""

    def __init__(self, level: str | int = "WARNING") -> None:
        super().__init__()
        self.level = (
            logging.getLevelNamesMapping()[level.upper()] if isinstance(level, str) else level
        )

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= self.level:
            return True
        return not any(
            record.name == name or record.name.startswith(f"{name}.") for name in TASK_LOGGERS
        )
