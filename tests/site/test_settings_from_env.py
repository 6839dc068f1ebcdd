"""Settings are read from the environment as `.env.example` documents."""

import importlib
import sys

from django.core.exceptions import ImproperlyConfigured

import pytest

from stempd.settings.env import anymail_settings, env_bool, env_list

LONG_SECRET = "k3y-" + "a1B2c3D4e5" * 6


def load_settings(monkeypatch, profile: str, **environ: str) -> dict:
    """Execute a settings profile afresh under `environ` and return its upper-case names."""
    for name in list(sys.modules):
        if name.startswith("stempd.settings.") and not name.endswith(".env"):
            monkeypatch.delitem(sys.modules, name)
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_BACKEND",
        "ALLOWED_HOSTS",
        "AWS_STORAGE_BUCKET_NAME",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    module = importlib.import_module(f"stempd.settings.{profile}")
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def test_every_anymail_variable_lands_in_the_anymail_dict():
    environ = {
        "ANYMAIL_MAILGUN_API_KEY": "key-123",
        "ANYMAIL_POSTMARK_API_URL": "http://127.0.0.1:9999/",
        "ANYMAIL_DEBUG_API_REQUESTS": "false",
        "ANYMAIL_IGNORE_RECIPIENT_STATUS": "yes",
        "ANYMAIL_REQUESTS_TIMEOUT": "12.5",
        "NOT_ANYMAIL_X": "ignored",
    }
    assert anymail_settings(environ) == {
        "MAILGUN_API_KEY": "key-123",
        "POSTMARK_API_URL": "http://127.0.0.1:9999/",
        "DEBUG_API_REQUESTS": False,
        "IGNORE_RECIPIENT_STATUS": True,
        "REQUESTS_TIMEOUT": 12.5,
    }


def test_base_settings_copy_anymail_env_and_choose_the_mailer(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        "base",
        EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
        ANYMAIL_POSTMARK_SERVER_TOKEN="tok",
        ANYMAIL_POSTMARK_API_URL="http://127.0.0.1:8765/",
        DEFAULT_FROM_EMAIL="News <news@example.org>",
    )
    assert loaded["MAILERS"]["default"]["BACKEND"] == "anymail.backends.postmark.EmailBackend"
    assert loaded["ANYMAIL"]["POSTMARK_SERVER_TOKEN"] == "tok"
    assert loaded["ANYMAIL"]["POSTMARK_API_URL"] == "http://127.0.0.1:8765/"
    assert loaded["DEFAULT_FROM_EMAIL"] == "News <news@example.org>"
    assert "EMAIL_BACKEND" not in loaded, "Django 6.1's deprecated EMAIL_BACKEND must not be set"


def test_dev_writes_mail_to_readable_files_unless_told_otherwise(monkeypatch):
    loaded = load_settings(monkeypatch, "dev")
    mailer = loaded["MAILERS"]["default"]
    assert mailer["BACKEND"] == "home.mail_files.EmailBackend"
    assert mailer["OPTIONS"]["file_path"].endswith("var/mail")
    loaded = load_settings(
        monkeypatch, "dev", EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
    )
    assert loaded["MAILERS"]["default"]["BACKEND"].endswith("console.EmailBackend")


def test_database_url_and_redis_url_configure_database_and_cache(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        "base",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/stempd",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ALLOWED_HOSTS="example.org, www.example.org,",
        DEBUG="true",
    )
    database = loaded["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("stempd", "127.0.0.1", 5432)
    assert loaded["CACHES"]["default"]["BACKEND"] == "stempd.cache.ResilientRedisCache"
    assert loaded["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert loaded["ALLOWED_HOSTS"] == ["example.org", "www.example.org"]
    assert loaded["DEBUG"] is True


def test_without_database_url_the_site_uses_a_sqlite_file_in_the_project(monkeypatch):
    loaded = load_settings(monkeypatch, "base")
    database = loaded["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert str(database["NAME"]).endswith("db.sqlite3")
    assert loaded["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize(
    "secret", ["", "change-me", "short-secret", "django-insecure-" + "x" * 50, "a" * 60]
)
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, secret):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, "production", SECRET_KEY=secret)


def test_production_accepts_a_long_random_secret_and_hardens_cookies(monkeypatch):
    loaded = load_settings(monkeypatch, "production", SECRET_KEY=LONG_SECRET)
    assert loaded["DEBUG"] is False
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["CSRF_COOKIE_SECURE"]
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_flag_that_is_not_yes_or_no_is_an_error_not_a_silent_false():
    assert env_bool("DEBUG", environ={"DEBUG": " Yes "}) is True
    assert env_bool("DEBUG", environ={}) is False
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env_bool("DEBUG", environ={"DEBUG": "maybe"})
    assert env_list("HOSTS", environ={"HOSTS": " a ,, b "}) == ["a", "b"]


def test_a_bucket_name_moves_uploads_to_s3_compatible_storage(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        "base",
        AWS_STORAGE_BUCKET_NAME="stempd-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    storage = loaded["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "stempd-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert load_settings(monkeypatch, "base")["STORAGES"]["default"]["BACKEND"].endswith(
        "FileSystemStorage"
    )


@pytest.mark.parametrize(
    ("environ", "origin"),
    [
        ({"AWS_S3_ENDPOINT_URL": "https://s3.example.org:9000/"}, "https://s3.example.org:9000"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, "https://media.example.org"),
        ({}, "https://stempd-media.s3.amazonaws.com"),
    ],
)
def test_images_on_s3_are_allowed_by_the_content_security_policy(monkeypatch, environ, origin):
    loaded = load_settings(monkeypatch, "base", AWS_STORAGE_BUCKET_NAME="stempd-media", **environ)
    assert origin in loaded["SECURE_CSP"]["img-src"]
    local = load_settings(monkeypatch, "base")["SECURE_CSP"]["img-src"]
    assert not [source for source in local if "s3" in str(source) or "example.org" in str(source)]


def test_an_endpoint_that_is_not_a_url_is_a_clear_configuration_error(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ENDPOINT_URL"):
        load_settings(
            monkeypatch, "base", AWS_STORAGE_BUCKET_NAME="m", AWS_S3_ENDPOINT_URL="s3.example.org"
        )
