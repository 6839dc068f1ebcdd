"""`/readyz`: can this web process serve, and are the task workers keeping up?

503 when the database or the shared cache does not answer (`/healthz` checks the database only).
The workers' last signs of life and the oldest due task's wait are reported, never failed on:
visitors are served while a worker restarts, and monitoring alerts when the wait keeps growing.
"""

import logging
import secrets
from datetime import datetime

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.db.models import Max, Min
from django.db.models.functions import Greatest
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from django_tasks_db.models import DBTaskResult

from newsletters.models import SendWorker

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    """A trivial query succeeds (for `/healthz` too)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:  # "not ready", never a 500 page
        logger.warning("The database does not answer", exc_info=True)
        return False
    return True


def cache_answers() -> bool:
    """A value written to the cache can be read back (the Redis cache logs and swallows errors)."""
    key, value = f"readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered


def seconds_since(moment: datetime | None, now: datetime) -> float | None:
    return None if moment is None else round(max((now - moment).total_seconds(), 0.0), 1)


def worker_report(now: datetime) -> dict[str, float | None]:
    """Seconds since the workers last showed life and since the oldest due task (None: never)."""
    heartbeat = SendWorker.objects.aggregate(newest=Max("seen_at"))["newest"]
    taken = DBTaskResult.objects.aggregate(newest=Max("started_at"))["newest"]
    due = DBTaskResult.objects.ready()
    waiting_since = [
        # Tasks without a start time carry the far future as `run_after`.
        due.filter(run_after__gt=now).aggregate(oldest=Min("enqueued_at"))["oldest"],
        due.filter(run_after__lte=now).aggregate(oldest=Min(Greatest("enqueued_at", "run_after")))[
            "oldest"
        ],
    ]
    oldest = min((moment for moment in waiting_since if moment is not None), default=None)
    return {
        "heartbeat_seconds": seconds_since(heartbeat, now),
        "last_task_taken_seconds": seconds_since(taken, now),
        "oldest_waiting_task_seconds": seconds_since(oldest, now),
    }


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, else 503; worker ages in the body either way."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    body: dict[str, object] = {"ready": all(checks.values()), **checks}
    if checks["database"]:
        body["workers"] = worker_report(timezone.now())
    return JsonResponse(body, status=200 if body["ready"] else 503)
