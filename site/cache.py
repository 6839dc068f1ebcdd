"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Wagtail, the layout fragments, feeds and rate limits all use the cache; with Django's plain
RedisCache a Redis restart would turn every request into a 500. Here a failing cache call is
logged and answered as a miss (or a no-op), so the site keeps serving, only slower.
"""

import logging
from functools import wraps

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degrade(fallback):
    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError:
                logger.warning("cache unavailable during %s", method.__name__, exc_info=True)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answering misses instead of raising when Redis is down."""

    get = _degrade(_default)(RedisCache.get)
    get_many = _degrade({})(RedisCache.get_many)
    set = _degrade(None)(RedisCache.set)
    set_many = _degrade([])(RedisCache.set_many)
    add = _degrade(False)(RedisCache.add)
    touch = _degrade(False)(RedisCache.touch)
    delete = _degrade(False)(RedisCache.delete)
    delete_many = _degrade(None)(RedisCache.delete_many)
    has_key = _degrade(False)(RedisCache.has_key)
    clear = _degrade(False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError:
            logger.warning("cache unavailable during incr", exc_info=True)
            raise ValueError(f"Key {key!r} not found (cache unavailable)") from None
