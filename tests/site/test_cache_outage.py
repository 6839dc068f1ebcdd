"""The site keeps serving when its Redis cache is unreachable, and uses Redis when it is up."""

import pytest

from stempd.cache import ResilientRedisCache
from tests.ports import free_port

pytestmark = pytest.mark.django_db

FAST = {"socket_connect_timeout": 0.3, "socket_timeout": 0.5}


def test_pages_still_render_while_redis_is_down(client, settings, home_page):
    settings.CACHES = {
        "default": {
            "BACKEND": "stempd.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": FAST,
        }
    }
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_a_down_cache_answers_misses_instead_of_raising():
    backend = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": FAST})
    backend.set("key", "value")
    assert backend.get("key", "fallback") == "fallback"
    assert backend.add("key", "value") is False
    with pytest.raises(ValueError):
        backend.incr("key")


def test_redis_is_used_when_it_is_up():
    backend = ResilientRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "stempd-test"})
    backend.set("probe", "value", 30)
    if backend.get("probe") is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert backend.get("probe") == "value"
    backend.delete("probe")
