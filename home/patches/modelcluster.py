"""Patch of modelcluster: inline formsets refuse rows posted without a valid id.

An inline formset (a page's comments, any InlinePanel) posted with `<prefix>-INITIAL_FORMS`
above 0 but without the rows' ids, or with an id that is not one, failed inside modelcluster's
formset before any validation. A browser always sends the ids, so this is a forged or truncated
request: it answers 400 (`MalformedForm`) for every page and snippet form, before anything is
saved. Wagtail builds these formsets itself, so no form class of ours reaches them all.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from modelcluster.forms import BaseTransientModelFormSet

from home.malformed import MalformedForm

UPSTREAM = {
    "modelcluster.forms.BaseTransientModelFormSet._construct_form": (
        "a85d97d1638442ea238f6a50a7abefca128900143f9ab229fcc2fcbedfb6653c"
    ),
    "django.forms.models.BaseModelFormSet._get_to_python": (
        "02a2bad0458759da9ac8a0330642f3de656b5ae4f93dcb46bcfe3d1985209d12"
    ),
}


def _refusing_rows_without_ids(original: Callable) -> Callable:
    @functools.wraps(original)
    def _construct_form(self: BaseTransientModelFormSet, i: int, **kwargs) -> Any:
        if self.is_bound and i < self.initial_form_count():
            pk_field = self.model._meta.pk
            pk = self.data.get(f"{self.add_prefix(i)}-{pk_field.name}")
            if pk is None:
                raise MalformedForm
            if pk != "":
                try:
                    self._get_to_python(pk_field)(pk)
                except ValidationError as error:
                    raise MalformedForm from error
        return original(self, i, **kwargs)

    return _construct_form


def install() -> None:
    """Wrap the formset's form construction once."""
    formset = BaseTransientModelFormSet
    if hasattr(formset._construct_form, "__wrapped__"):
        return
    formset._construct_form = _refusing_rows_without_ids(formset._construct_form)
