"""Production settings pass `check --deploy` with zero warnings, and refuse bad secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **environ: str) -> subprocess.CompletedProcess:
    # Variables the test run itself sets (browser tests allow async-unsafe ORM calls) must not
    # leak into what a production deployment would see.
    unset = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(environ)
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "stempd.settings.production",
    "ALLOWED_HOSTS": "stem-pd-net.example",
    "WAGTAILADMIN_BASE_URL": "https://stem-pd-net.example",
}


@pytest.mark.slow_subprocess
def test_check_deploy_reports_no_warning_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow_subprocess
def test_production_settings_do_not_start_without_a_secret_key():
    result = run_manage("check", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow_subprocess
def test_several_web_processes_with_a_process_local_cache_fail_the_deploy_check():
    """Each gunicorn worker would keep its own page cache and rate-limit counters."""
    result = run_manage(
        "check", "--deploy", SECRET_KEY=secrets.token_urlsafe(64), WEB_CONCURRENCY="2", **PRODUCTION
    )
    assert result.returncode != 0
    assert "stempd.E001" in result.stderr and "REDIS_URL" in result.stderr


@pytest.mark.slow_subprocess
def test_several_web_processes_sharing_redis_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        WEB_CONCURRENCY="2",
        REDIS_URL="redis://127.0.0.1:6379/13",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
