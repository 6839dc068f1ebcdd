"""Deployment checks (`manage.py check --deploy`): one cache for every web process, or refuse.

The page cache, its invalidation and every rate limit live in Django's cache: with a
process-local cache each web process (`WEB_CONCURRENCY`, gunicorn's own variable) keeps its own
copy, so an unpublished page is still served by the others and every limit is multiplied.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PROCESS_LOCAL_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@register(Tags.caches, deploy=True)
def one_cache_for_every_web_process(app_configs=None, **kwargs) -> list[Error]:
    """Error E001 when several web processes would each keep their own cache."""
    processes = int(getattr(settings, "WEB_CONCURRENCY", 1) or 1)
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if processes > 1 and backend in PROCESS_LOCAL_CACHES:
        return [
            Error(
                f"WEB_CONCURRENCY={processes} web processes would each keep their own cache "
                f"({backend.rsplit('.', 1)[-1]}): cached pages outlive unpublishing and rate "
                "limits multiply.",
                hint="Set REDIS_URL so every process shares one cache, or run one process "
                "(WEB_CONCURRENCY=1; gunicorn.conf.py adds threads instead).",
                id="stempd.E001",
            )
        ]
    return []
