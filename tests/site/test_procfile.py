"""The Procfile runs what the README's production section tells operators to run."""

from tests.production.readme import release_steps, services
from tests.production.stack import ROOT


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def test_the_release_phase_runs_the_readme_release_steps_in_order_with_the_installed_command():
    assert procfile()["release"].split(" && ") == release_steps()
    assert release_steps()[0] == "stempd migrate --no-input"


def test_web_and_worker_are_the_readme_services():
    processes = procfile()
    assert processes["web"].startswith("gunicorn --config gunicorn.conf.py ")
    assert processes["worker"] == services()["worker"]
    assert "manage.py" not in " ".join(processes.values())  # an installed site has none
