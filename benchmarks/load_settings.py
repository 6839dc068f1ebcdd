"""Settings for the load benchmark: production settings served over plain HTTP on loopback.

`LOAD_CACHE=off` swaps the cache for Django's dummy cache to measure the uncached rate. The
sign-up rate limit is raised because every simulated visitor shares one loopback address.
"""

import os

from stempd.settings.production import *  # noqa: F403
from stempd.settings.production import NEWSLETTERS

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
NEWSLETTERS = {**NEWSLETTERS, "SIGNUP_LIMIT_PER_IP": 10**9, "SIGNUP_LIMIT_PER_ADDRESS": 10**9}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
if os.environ.get("LOAD_CACHE") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
