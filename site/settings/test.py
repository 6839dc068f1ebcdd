"""Test profile: fast hashing, in-memory cache and mail, plain static files, tasks run inline."""

from stempd.settings.base import *  # noqa: F403
from stempd.settings.base import BASE_DIR, INSTALLED_APPS, STATIC_ROOT, STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-" + "t" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Tasks run inside the request in tests, so assertions see their effects without a worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
# Off by default so query-count tests measure rendering; tests/home/test_page_cache.py and the
# browser tests switch it on.
PAGE_CACHE_SECONDS = 0
# The demo app: `load_demo_content` and everything it builds (never installed in production).
if "demo" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
