"""Laptop profile: debug on, a throwaway secret, and email written to files a person can read."""

from stempd.settings.base import *  # noqa: F403
from stempd.settings.base import INSTALLED_APPS, MAIL_DIR, STATIC_ROOT, STORAGES
from stempd.settings.env import env_bool, env_str, mailers_setting

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-secret-not-for-production-" + "x" * 20
# Each message lands in var/mail/ as an .eml with a decoded .txt (and .html) beside it, unless
# EMAIL_BACKEND chooses another backend.
MAILERS = mailers_setting("home.mail_files.EmailBackend", MAIL_DIR)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
# The demo app: `load_demo_content` and everything it builds (never installed in production).
if "demo" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
