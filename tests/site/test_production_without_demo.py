"""Production never installs or imports the demo; INSTALL_DEMO is the operator's explicit opt-in."""

import subprocess
import sys

from django.conf import settings

import pytest

from tests.site.test_packaging import load_production_settings

# Run in a fresh interpreter: the test settings this process runs under install the demo.
IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
import django
django.setup()
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.urls import get_resolver

get_resolver().url_patterns  # the root URLconf and every app's URLs
import stempd.wsgi, stempd.asgi
for name, app in get_commands().items():
    load_command_class(app, name)
for package in ("stempd", "home", "translation", "network", "events", "newsletters"):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if ".migrations." not in info.name:
            importlib.import_module(info.name)
print("APPS", "demo" in settings.INSTALLED_APPS)
print("LOADED", sorted(m for m in sys.modules if m == "demo" or m.startswith("demo.")))
"""


def import_everything(**environ: str) -> str:
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "stempd.settings.production",
        "SECRET_KEY": "k3y-" + "a1B2c3D4e5" * 6,
        "ALLOWED_HOSTS": "stem-pd-net.example",
        "VAR_DIR": str(settings.BASE_DIR / "var" / "test-no-demo"),
        **environ,
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow_subprocess
def test_production_imports_no_demo_module_from_any_product_module():
    output = import_everything()
    assert "APPS False" in output
    assert "LOADED []" in output


def test_install_demo_adds_the_demo_app_to_production_only_when_asked(monkeypatch, tmp_path):
    assert "demo" not in load_production_settings(monkeypatch, tmp_path)["INSTALLED_APPS"]
    opted_in = load_production_settings(monkeypatch, tmp_path, INSTALL_DEMO="true")
    assert opted_in["INSTALLED_APPS"].count("demo") == 1
