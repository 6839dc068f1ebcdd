"""Production profile: refuses to start without a real secret; passes `check --deploy` clean.

TLS is terminated by the proxy in front of the app, which sets `X-Forwarded-Proto`.
"""

from django.core.exceptions import ImproperlyConfigured

from stempd.settings.base import *  # noqa: F403
from stempd.settings.base import SECRET_KEY
from stempd.settings.env import env_bool, env_str

PLACEHOLDER_SECRETS = {"", "change-me", "replace-with-a-long-random-string"}

if (
    SECRET_KEY in PLACEHOLDER_SECRETS
    or SECRET_KEY.startswith(("django-insecure", "dev-only", "test-only"))
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters in production "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is only a header; submitting the domain to the browsers' list stays a manual choice.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
