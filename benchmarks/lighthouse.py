"""Lighthouse scores (mobile) of home, a news item, the events index and a booklet.

Run: .venv/bin/python benchmarks/lighthouse.py [--runs 1] [--keep-reports]
Installs nothing globally: `npm i -E lighthouse@12.2.3` goes into var/lighthouse/ (git-ignored),
and Lighthouse drives Debian's Chromium (CHROME_PATH=$(which chromium), never a downloaded
browser). The site is served as in production: production settings over plain HTTP on loopback
(benchmarks/lighthouse_settings.py, which also serves /media/), collected static files through
whitenoise, gunicorn, and the demo content in a temporary SQLite database (or DATABASE_URL).
Prints one line per page with the four category scores (performance, accessibility, best
practices, SEO; the issue asks for >= 95) and the audits that fell short.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import free_port, manage, wait_until_up  # noqa: E402

PYTHON = sys.executable
VERSION = "12.2.3"
SCRATCH = ROOT / "var" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def install_lighthouse() -> Path:
    """Lighthouse in a scratch folder, pinned; reused by later runs."""
    binary = SCRATCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        package = SCRATCH / "package.json"
        if not package.exists():
            package.write_text('{"private": true}\n')
        subprocess.run(
            ["npm", "i", "-E", f"lighthouse@{VERSION}", "--no-audit", "--no-fund"],
            cwd=SCRATCH,
            check=True,
        )
    return binary


def first_link(base: str, index_path: str) -> str:
    """The first page linked from an index (a news item, a booklet) in the demo content."""
    html = urllib.request.urlopen(base + index_path, timeout=30).read().decode()
    links = re.findall(rf'href="({re.escape(index_path)}[a-z0-9][^"?#]*)"', html)
    items = [link for link in links if "feed" not in link]
    if not items:
        raise RuntimeError(f"no item linked from {index_path}")
    return items[0]


def audit(binary: Path, chromium: str, url: str, report: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
    )
    result = json.loads(report.read_text())
    failing = [
        audit_id
        for audit_id, item in result["audits"].items()
        if item.get("score") is not None
        and item["score"] < 1
        and item.get("scoreDisplayMode") in {"binary", "numeric"}
    ]
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["below_full_marks"] = failing
    return scores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="audits per page; the median counts")
    parser.add_argument("--keep-reports", action="store_true", help="keep the JSON reports")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None or shutil.which("npm") is None:
        sys.exit("Needs Debian's chromium and npm (`make browser-deps` installs them as root).")
    binary = install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="stempd-lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.lighthouse_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{workdir / 'lighthouse.sqlite3'}"
        ),
        "REDIS_URL": "",
        "VAR_DIR": str(workdir),  # the demo's logins and mail stay out of the checkout's var/
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(16),
    }
    manage(env, "migrate", "--no-input")
    manage({**env, "INSTALL_DEMO": "true"}, "load_demo_content", "--allow-production")
    manage(env, "collectstatic", "--no-input")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "stempd.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env={**env, "SITE_BASE_URL": base},
    )
    try:
        wait_until_up(f"{base}/healthz", timeout=180)  # a busy machine starts gunicorn slowly
        pages = {
            "home": "/en/",
            "news item": first_link(base, "/en/news/"),
            "events index": "/en/events/",
            "booklet": first_link(base, "/en/publications/"),
        }
        for path in pages.values():  # warm the renditions and the page cache
            urllib.request.urlopen(base + path, timeout=60).read()
        print(f"Lighthouse {VERSION}, mobile, Chromium at {chromium}")
        print(f"{'page':<14} " + " ".join(f"{name:>14}" for name in CATEGORIES))
        for label, path in pages.items():
            runs = [
                audit(binary, chromium, base + path, workdir / f"{label}-{run}.json")
                for run in range(args.runs)
            ]
            median = {
                name: sorted(run[name] for run in runs)[len(runs) // 2] for name in CATEGORIES
            }
            print(f"{label:<14} " + " ".join(f"{median[name]:>14}" for name in CATEGORIES))
            below = sorted({item for run in runs for item in run["below_full_marks"]})
            if below:
                print(f"{'':<14} below full marks: {', '.join(below)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if args.keep_reports:
            print(f"Reports kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
