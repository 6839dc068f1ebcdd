"""The commands of the README's production section, as the production tests run them, so the
README and what CI proves cannot drift apart."""

import re

from .stack import ROOT


def production_step(number: int) -> str:
    """The text of step `number` of "Install and run, step by step"."""
    readme = (ROOT / "README.md").read_text()
    steps = readme.split("### Install and run, step by step", 1)[1].split("\n### ", 1)[0]
    return re.search(rf"^{number}\. (.*?)(?=^\d+\. |\Z)", steps, re.DOTALL | re.MULTILINE).group(1)


def release_steps() -> list[str]:
    """The indented commands of step 5 ("Release steps"), in order."""
    block = re.search(r"\n\n((?: {7}.*\n)+)", production_step(5)).group(1)
    return [line.strip() for line in block.splitlines()]


def services() -> dict[str, str]:
    """Step 6 ("Services"): the web, worker and scheduled-publishing commands."""
    commands = re.findall(r"`((?:gunicorn|stempd) [^`]+)`", production_step(6))
    return {
        "web": next(c for c in commands if c.startswith("gunicorn ")),
        "worker": next(c for c in commands if c.startswith("stempd db_worker")),
        "scheduled": next(c for c in commands if c.startswith("stempd publish_scheduled")),
    }
