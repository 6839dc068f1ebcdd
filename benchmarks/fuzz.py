"""Fuzz pass: 1,000 generated inputs for every public URL and form and every admin form a
German partner translator reaches, then the answer counts.

Run: .venv/bin/python benchmarks/fuzz.py [examples] [public|admin]
Runs tests/site/test_fuzz.py and tests/site/test_fuzz_admin.py with FUZZ_EXAMPLES (default
1000) and prints, per endpoint, how many answers had each status code (none may be a 500;
rejected input must store nothing; the translator publishes nothing).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_FILES = ("tests/site/test_fuzz.py", "tests/site/test_fuzz_admin.py")
REPORTS = ("fuzz-counts.json", "fuzz-admin-counts.json")


def main() -> None:
    examples = sys.argv[1] if len(sys.argv) > 1 else "1000"
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    files = [name for name in TEST_FILES if only in ("", "admin") or "admin" not in name]
    files = [name for name in files if only != "admin" or "admin" in name]
    for report in REPORTS:
        (ROOT / "test-results" / report).unlink(missing_ok=True)
    env = {**os.environ, "FUZZ_EXAMPLES": examples}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *files,
            "-q",
            "-p",
            "no:logging",
            "-p",
            "no:xdist",
            "-W",
            "ignore::django.core.cache.backends.base.CacheKeyWarning",
        ],
        cwd=ROOT,
        env=env,
        check=False,
    )
    counts = {}
    for report in REPORTS:
        path = ROOT / "test-results" / report
        if path.exists():
            counts |= json.loads(path.read_text())
    total = 0
    for endpoint, statuses in counts.items():
        requests = sum(statuses.values())
        total += requests
        spread = ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
        print(f"{endpoint:<48} {requests:>6} requests  ({spread})")
    print(f"{total} requests in all; pytest exit code {result.returncode}")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
