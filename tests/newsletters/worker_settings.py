"""Settings of the worker processes the fault tests start: the test profile, but with the
database task backend (so `manage.py db_worker` runs the tasks) and the ESP chosen by the
environment exactly as in production (`EMAIL_BACKEND`, `ANYMAIL_*`, `DATABASE_URL`).

`NEWSLETTERS_JSON` carries the short timeouts the tests need (heartbeats every half second).
"""

import json
import os

from stempd.settings.env import mailers_setting
from stempd.settings.test import *  # noqa: F403
from stempd.settings.test import BASE_DIR, NEWSLETTERS

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = mailers_setting(
    "django.core.mail.backends.locmem.EmailBackend", BASE_DIR / "var" / "mail"
)
NEWSLETTERS = {**NEWSLETTERS, **json.loads(os.environ.get("NEWSLETTERS_JSON", "{}"))}
