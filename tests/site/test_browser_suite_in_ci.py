"""In CI a browser or accessibility test that cannot run fails the build; on a laptop it skips
with a message saying what to install. A skipped browser test in CI would be a green build that
checked nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import conftest as browser_suite

ROOT = Path(__file__).resolve().parents[2]
STOPS = (pytest.fail.Exception, pytest.skip.Exception)


def how_load_axe_stops(monkeypatch) -> BaseException:
    """What `load_axe` raises when axe-core is missing (a skip must not skip this test)."""
    monkeypatch.setattr(browser_suite, "AXE_SCRIPT", browser_suite.ROOT / "missing" / "axe.js")
    with pytest.raises(STOPS) as stopped:
        browser_suite.load_axe(page=None)
    return stopped.value


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_axe_core_fails_the_test(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    stopped = how_load_axe_stops(monkeypatch)
    assert isinstance(stopped, pytest.fail.Exception)
    assert "axe-core is not installed" in str(stopped)


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_outside_ci_a_missing_axe_core_skips_saying_how_to_install_it(monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    stopped = how_load_axe_stops(monkeypatch)
    assert isinstance(stopped, pytest.skip.Exception)
    assert "make browser-deps" in str(stopped)


def run_browser_test_without_chromium(ci: str | None) -> subprocess.CompletedProcess:
    """One real browser test in a child pytest whose PATH holds no chromium."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PATH"] = str(Path(sys.executable).parent)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-rfEs",
            "tests/e2e/test_visitor_flows.py::test_visitor_opens_the_month_view_and_takes_the_webcal_link",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow_subprocess
def test_in_ci_a_browser_test_without_chromium_fails_the_run():
    result = run_browser_test_without_chromium("true")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "chromium is not installed" in result.stdout
    assert "In CI a browser test that cannot run is a failure" in result.stdout


@pytest.mark.slow_subprocess
def test_outside_ci_a_browser_test_without_chromium_skips_saying_how_to_install_it():
    result = run_browser_test_without_chromium(None)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 skipped" in result.stdout
    assert "make browser-deps" in result.stdout
