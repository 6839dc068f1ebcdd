"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server.

Never downloads a browser. Where Chromium, Playwright or axe-core (for the accessibility checks)
is missing, the tests skip locally with a message saying how to install it (`make browser-deps`);
in CI (`CI=true`) they fail instead, because a skipped browser test is a green build that
checked nothing.
"""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.ci import in_ci

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (375, 1280)
INSTALL_HINT = "`make browser-deps` installs it"


def cannot_run(reason: str) -> None:
    """Stop a browser test that lacks a tool: a skip on a laptop, a failure in CI."""
    message = f"{reason}; {INSTALL_HINT}."
    if in_ci():
        pytest.fail(f"{message} In CI a browser test that cannot run is a failure.", pytrace=False)
    pytest.skip(message)


def playwright_sync_api():
    """Playwright's sync API, or `cannot_run` when the package is missing."""
    try:
        from playwright import sync_api
    except ImportError:
        cannot_run("playwright is not installed")
    return sync_api


def load_axe(page) -> None:
    """Evaluate axe-core in the page, or `cannot_run` when it is not installed.

    Evaluated through the DevTools protocol: the site's CSP (rightly) forbids injected <script>.
    """
    if not AXE_SCRIPT.exists():
        cannot_run(f"axe-core is not installed at {AXE_SCRIPT.relative_to(ROOT)}")
    page.evaluate(AXE_SCRIPT.read_text())


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """Browser tests run with the whole-page cache on, as production does."""
    settings.PAGE_CACHE_SECONDS = 300


class OneRequestAtATime:
    """A WSGI application that answers one request at a time, body included.

    The live server's request threads all share the test's one in-memory SQLite connection
    (Django hands it to each of them). Two requests at once, such as the translation editor's
    save beside another call of the page, run their queries and transactions interleaved on
    it; one can then see the other's half-done work or lose its own, as no two browsers can
    on a real database.
    """

    def __init__(self, application) -> None:
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            body = self.application(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                if hasattr(body, "close"):
                    body.close()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, one request at a time (see `OneRequestAtATime`)."""
    server = live_server.thread.httpd
    server.set_app(OneRequestAtATime(server.get_app()))
    return live_server


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        cannot_run("Debian's chromium is not installed (as root)")
    sync_api = playwright_sync_api()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe. Only while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def save_screenshots(page, name: str) -> list[Path]:
    """Full-page screenshots at phone and desktop widths, kept as test artefacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    paths = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        path = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    return paths


AXE_AFTER_ANIMATIONS = """async () => {
    const ending = document.getAnimations().filter(
        (animation) => isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity)
    );
    // A long decorative one (Wagtail's 25-second "ping" on a badge) is shown at its end state.
    ending.filter((animation) => animation.effect.getComputedTiming().endTime > 2000)
        .forEach((animation) => animation.finish());
    await Promise.all(ending.map((animation) => animation.finished.catch(() => null)));
    return await axe.run(document, {
        runOnly: {type: 'tag', values: [
            'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'
        ]}
    });
}"""


def run_axe(page) -> dict:
    """axe-core's WCAG 2.0-2.2 A/AA results for the page once its entrance animations end.

    Wagtail's messages slide and fade in: half-faded text is a contrast failure of that
    instant, not of the page. Endless animations (spinners) are not waited for, and those over
    two seconds are checked at their end state.
    """
    load_axe(page)
    return page.evaluate(AXE_AFTER_ANIMATIONS)


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core in the page; return the serious and critical violations (WCAG 2.x A/AA)."""
    result = run_axe(page)
    found = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    if found:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "axe-violations.json").write_text(json.dumps(found, indent=2))
    return found


def accessibility_violations(page, known=None) -> list[dict]:
    """Run axe-core in the page; every WCAG 2.0-2.2 A/AA violation, whatever its impact.

    `known(rule, target)` may name elements whose violations are left out (defects of
    third-party screens the project reports upstream); every other element still counts.
    """
    result = run_axe(page)
    found = []
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"]]
        if known is not None:
            targets = [target for target in targets if not known(violation["id"], " ".join(target))]
        if targets:
            found.append(
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "nodes": targets[:5],
                }
            )
    return found
