"""`compile_translations` runs where no database exists yet, as a container image build does."""

import os
import subprocess
import sys

import pytest

from tests.production.stack import ROOT
from tests.site.test_packaging import SECRET


@pytest.mark.slow_subprocess
def test_compiling_the_catalogues_opens_no_database(tmp_path):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ.update(DJANGO_SETTINGS_MODULE="stempd.settings.production", SECRET_KEY=SECRET)
    result = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, str(ROOT / "manage.py"), "compile_translations"],
        cwd=tmp_path,
        env={**environ, "VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "catalogue(s) compiled" in result.stdout
    assert list(tmp_path.iterdir()) == []  # no SQLite file made by the model checks
