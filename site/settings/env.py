"""Readers for deploy-time configuration, kept apart from the settings so they can be tested alone.

Every value the operators may change is read through these helpers in `base.py`, so one module
shows the whole environment contract (documented in `.env.example`).
"""

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})
ANYMAIL_PREFIX = "ANYMAIL_"


def env_str(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """Return the variable stripped of surrounding whitespace, or `default` when unset."""
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    """Read a yes/no flag; anything but a known word is an operator error, not a silent False."""
    raw = environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value (use true or false).")


def env_list(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> list[str]:
    """Read a comma-separated list, dropping blanks (`a, b,` -> ['a', 'b'])."""
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def anymail_settings(environ: Mapping[str, str] = os.environ) -> dict[str, object]:
    """Copy every `ANYMAIL_<NAME>` variable into anymail's settings dict as `<NAME>`.

    This lets operators choose any anymail ESP and its options without a code change, e.g.
    `ANYMAIL_MAILGUN_API_KEY` -> `ANYMAIL["MAILGUN_API_KEY"]`. Flags anymail reads as booleans
    (`ANYMAIL_DEBUG_API_REQUESTS`, `ANYMAIL_IGNORE_*`) are converted so "false" stays false.
    """
    settings: dict[str, object] = {}
    for variable in sorted(environ):
        if not variable.startswith(ANYMAIL_PREFIX) or variable == ANYMAIL_PREFIX:
            continue
        name = variable.removeprefix(ANYMAIL_PREFIX)
        if name == "DEBUG_API_REQUESTS" or name.startswith("IGNORE_"):
            settings[name] = env_bool(variable, environ=environ)
        elif name == "REQUESTS_TIMEOUT":  # requests rejects a timeout given as a string
            settings[name] = float(environ[variable])
        else:
            settings[name] = environ[variable]
    return settings


# Backends that write messages to a folder (`file_path`): Django's, and ours (readable files).
FILE_BACKENDS = ("django.core.mail.backends.filebased.EmailBackend", "home.mail_files.EmailBackend")


def mailers_setting(
    default_backend: str, mail_dir: os.PathLike, environ: Mapping[str, str] = os.environ
) -> dict[str, dict]:
    """Build Django 6.1's `MAILERS` from `EMAIL_BACKEND` (a dotted path) or the profile default.

    Only two backends take `OPTIONS` from here: a file backend (where to write the messages a
    developer reads) and SMTP (from `EMAIL_HOST` etc., so a plain relay works too); anymail reads
    the `ANYMAIL` dict itself.
    """
    backend = env_str("EMAIL_BACKEND", environ=environ) or default_backend
    options: dict[str, object] = {}
    if backend in FILE_BACKENDS:
        options["file_path"] = env_str("EMAIL_FILE_PATH", str(mail_dir), environ)
    elif backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            "host": env_str("EMAIL_HOST", "localhost", environ),
            "port": int(env_str("EMAIL_PORT", "25", environ)),
            "use_tls": env_bool("EMAIL_USE_TLS", False, environ),
        }
        if env_str("EMAIL_HOST_USER", environ=environ):
            options["username"] = env_str("EMAIL_HOST_USER", environ=environ)
            options["password"] = env_str("EMAIL_HOST_PASSWORD", environ=environ)
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


def media_origin(bucket: str, *, endpoint_url: str = "", custom_domain: str = "") -> str:
    """The origin browsers load uploads from when they live in an S3 bucket.

    It must be allowed in the Content-Security-Policy, or every image would be blocked. The same
    precedence as django-storages' URLs: a custom domain (a CDN), else the endpoint of an
    S3-compatible service (path-style URLs), else Amazon's virtual-hosted bucket address.
    """
    if custom_domain:
        return f"https://{custom_domain.strip('/')}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if not parts.scheme or not parts.netloc:
            raise ImproperlyConfigured(f"AWS_S3_ENDPOINT_URL is not a URL: {endpoint_url!r}")
        return f"{parts.scheme}://{parts.netloc}"
    return f"https://{bucket}.s3.amazonaws.com"
