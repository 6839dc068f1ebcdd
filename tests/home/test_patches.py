"""Our patches of third-party code are applied, and apply to the code they were written for:
an upgrade that changes a patched function fails here until someone reads the new source,
checks the patch still holds (its behaviour tests say so) and updates the module's `UPSTREAM`."""

import hashlib
import importlib
import inspect
from typing import Any

import pytest

from home import patches
from home.caching import routes

PINNED = [*patches.MODULES, routes]


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


@pytest.mark.parametrize("module", PINNED, ids=lambda module: module.__name__)
def test_the_patched_upstream_source_is_the_one_the_patch_was_written_for(module):
    assert module.UPSTREAM
    assert changed_upstream(module.UPSTREAM) == {}


@pytest.mark.parametrize(
    "dotted",
    [dotted for module in patches.MODULES for dotted in module.UPSTREAM],
)
def test_each_pinned_name_exists_upstream(dotted):
    assert callable(resolve(dotted))


def test_the_patches_are_installed_once_however_often_installed():
    from modelcluster.forms import BaseTransientModelFormSet
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.blocks.base import BlockField

    patches.install()
    for method in (
        BlockField.clean,
        SpreadsheetExportMixin.get_heading,
        BaseTransientModelFormSet._construct_form,
    ):
        assert hasattr(method, "__wrapped__")
        assert not hasattr(method.__wrapped__, "__wrapped__")
