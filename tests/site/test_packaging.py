"""The installed package is the product: it lists every Python package of the checkout, and what
the site writes lands under the working directory (or `VAR_DIR`), never beside the package.

The built wheel itself is installed and run by `tests/production/`.
"""

import importlib
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Folders that are packages of the product, and the import name each is installed as.
PACKAGE_FOLDERS = {
    "site": "stempd",
    "home": "home",
    "network": "network",
    "events": "events",
    "newsletters": "newsletters",
    "translation": "translation",
    "demo": "demo",
}
SECRET = "k3y-" + "a1B2c3D4e5" * 6


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def load_production_settings(monkeypatch, workdir: Path, **environ: str) -> dict:
    """Execute the production profile afresh in `workdir` under `environ`; its upper-case names."""
    for name in list(sys.modules):
        if name.startswith("stempd.settings.") and not name.endswith(".env"):
            monkeypatch.delitem(sys.modules, name)
    for name in ("VAR_DIR", "STATIC_ROOT", "MEDIA_ROOT", "EMAIL_FILE_PATH", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", SECRET)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(workdir)
    module = importlib.import_module("stempd.settings.production")
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def test_every_python_package_of_the_checkout_is_listed_for_the_wheel():
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join([PACKAGE_FOLDERS[folder], *init.parent.relative_to(ROOT / folder).parts])
        for folder in PACKAGE_FOLDERS
        for init in (ROOT / folder).rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_written_paths_default_under_the_working_directory(monkeypatch, tmp_path):
    values = load_production_settings(monkeypatch, tmp_path)
    written = [values["STATIC_ROOT"], values["MEDIA_ROOT"], values["MAIL_DIR"], values["VAR_DIR"]]
    assert all(Path(path).is_relative_to(tmp_path / "var") for path in written), written
    assert values["DATABASES"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")


def test_var_dir_moves_every_written_path_and_each_root_can_be_set_alone(monkeypatch, tmp_path):
    values = load_production_settings(
        monkeypatch, tmp_path, VAR_DIR="/srv/stempd/var", MEDIA_ROOT="/mnt/uploads"
    )
    assert values["STATIC_ROOT"] == Path("/srv/stempd/var/static")
    assert values["MAIL_DIR"] == Path("/srv/stempd/var/mail")
    assert values["MEDIA_ROOT"] == Path("/mnt/uploads")


def test_catalogues_templates_and_static_files_are_found_inside_the_package():
    package = Path(importlib.import_module("stempd").__file__).parent
    templates, static, catalogues = (
        settings.TEMPLATES[0]["DIRS"],
        settings.STATICFILES_DIRS,
        settings.LOCALE_PATHS,
    )
    assert templates == [package / "templates"]
    assert static == [package / "static"]
    assert catalogues == [ROOT / "locale"]  # a checkout's layout; the wheel's: tests/production
