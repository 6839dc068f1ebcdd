"""The console's filter for the task worker's progress lines (`TASKS_LOG_LEVEL`).

`manage.py db_worker` sets its loggers' level from `--verbosity` whatever `LOGGING` says, and logs
two lines per task: enough to bury failures and scroll `make run`'s demo logins away. The filter
applies the level at the console handler instead, which the worker does not touch.
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
