"""Fuzz pass: 1,000 generated inputs for every public URL and form, then the answer counts.

Run: .venv/bin/python benchmarks/fuzz.py [examples]
Runs tests/site/test_fuzz.py with FUZZ_EXAMPLES (default 1000) and prints, per endpoint, how
many answers had each status code (none may be a 500; rejected input must store nothing).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    examples = sys.argv[1] if len(sys.argv) > 1 else "1000"
    env = {**os.environ, "FUZZ_EXAMPLES": examples}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/site/test_fuzz.py",
            "-q",
            "-p",
            "no:logging",
            "-W",
            "ignore::django.core.cache.backends.base.CacheKeyWarning",
        ],
        cwd=ROOT,
        env=env,
        check=False,
    )
    counts = json.loads((ROOT / "test-results" / "fuzz-counts.json").read_text())
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
