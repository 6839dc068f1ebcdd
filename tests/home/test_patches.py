"""Our patches of third-party code are applied, and apply to the code they were written for:
an upgrade that changes a patched function fails here until someone reads the new source,
checks the patch still holds (its behaviour tests say so) and updates the module's `UPSTREAM`."""

import pytest

from home import patches
from home.caching import routes

PINNED = [*patches.MODULES, routes]


@pytest.mark.parametrize("module", PINNED, ids=lambda module: module.__name__)
def test_the_patched_upstream_source_is_the_one_the_patch_was_written_for(module):
    assert module.UPSTREAM
    assert patches.changed_upstream(module.UPSTREAM) == {}


@pytest.mark.parametrize(
    "dotted",
    [dotted for module in patches.MODULES for dotted in module.UPSTREAM],
)
def test_each_pinned_name_exists_upstream(dotted):
    assert callable(patches.resolve(dotted))


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
