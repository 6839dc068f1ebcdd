"""The Procfile runs what the README's production section tells operators to run."""

import re

from tests.production.stack import ROOT


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def readme_release_steps() -> list[str]:
    """The indented commands of step 5 ("Release steps") of the README's production section."""
    readme = (ROOT / "README.md").read_text()
    step = re.search(r"5\. \*\*Release steps\*\*.*?\n\n(.*?)\n\n", readme, re.DOTALL).group(1)
    return [line.strip() for line in step.splitlines()]


def test_the_release_phase_runs_the_readme_release_steps_in_order_with_the_installed_command():
    assert procfile()["release"].split(" && ") == readme_release_steps()
    assert readme_release_steps()[0] == "stempd migrate --no-input"


def test_web_and_worker_are_the_readme_services():
    processes = procfile()
    assert processes["web"].startswith("gunicorn --config gunicorn.conf.py ")
    assert processes["worker"] == "stempd db_worker --interval 1"
    assert "manage.py" not in " ".join(processes.values())  # an installed site has none
