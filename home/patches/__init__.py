"""Patches of third-party code, the last resort: one module per patched library.

A patch is kept only where the library offers no hook, setting, subclass or URL to do the same.
Patches of one library live in one module here whatever app needs them, so an upgrade of that
library is reviewed against one file. Each module:

- names every upstream function it wraps or relies on in `UPSTREAM` (dotted path → SHA-256 of
  its source, `source_digest`), checked by `tests/home/test_patches.py`, which fails when the
  installed library's source differs from what the patch was written for;
- wraps with `functools.wraps`, so the original stays reachable as `__wrapped__`;
- has an idempotent `install()`, called from `HomeConfig.ready`.
"""

import hashlib
import importlib
import inspect
from typing import Any

from home.patches import modelcluster, wagtail

MODULES = (wagtail, modelcluster)


def resolve(dotted: str) -> Any:
    """The object a dotted path names: a module's attribute, or a class's, at any depth."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for name in parts[end:]:
            found = inspect.getattr_static(found, name)
            if isinstance(found, staticmethod | classmethod):
                found = found.__func__
        return found
    raise ImportError(dotted)


def source_digest(dotted: str) -> str:
    """SHA-256 of the upstream source of `dotted`, unwrapped from any patch of ours."""
    return hashlib.sha256(inspect.getsource(inspect.unwrap(resolve(dotted))).encode()).hexdigest()


def changed_upstream(upstream: dict[str, str]) -> dict[str, str]:
    """The entries of an `UPSTREAM` table whose installed source differs, with their new digest."""
    return {
        dotted: now
        for dotted, digest in upstream.items()
        if (now := source_digest(dotted)) != digest
    }


def install() -> None:
    """Apply every patch once."""
    for module in MODULES:
        module.install()
