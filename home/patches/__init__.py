"""Patches of third-party code, the last resort: one module per patched library.

A patch is kept only where the library offers no hook, setting, subclass or URL to do the same.
Patches of one library live in one module here whatever app needs them, so an upgrade of that
library is reviewed against one file. Each module:

- names every upstream function it wraps or relies on in `UPSTREAM` (dotted path → SHA-256 of
  its source), checked by `tests/home/test_patches.py`, which fails when the installed
  library's source differs from what the patch was written for;
- wraps with `functools.wraps`, so the original stays reachable as `__wrapped__`;
- has an idempotent `install()`, called from `HomeConfig.ready`.
"""

from home.patches import modelcluster, wagtail

MODULES = (wagtail, modelcluster)


def install() -> None:
    """Apply every patch once."""
    for module in MODULES:
        module.install()
