"""Whether this run is CI's: there a test that cannot run for want of a tool or a service fails,
because a skipped test is a green build that checked nothing."""

import os


def in_ci() -> bool:
    """Whether this run is CI's (`CI=true`, as CI services and `.ci/run` set it)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
