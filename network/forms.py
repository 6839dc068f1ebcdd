"""Admin forms of the network's pages: lists of translatable snippets in the page's language."""

from django import forms
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


class LocaleChoicesPageForm(WagtailAdminPageForm):
    """A page editor whose lists of translatable snippets (a news item's categories, say) offer
    the edited page's language only, rather than every language's version side by side.

    A translation copied from its source may still point at the source's snippets: those are
    shown as their version in the page's language where one exists (and saved as such); one
    without a version there stays listed, so saving never drops a choice silently.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField) and issubclass(
                field.queryset.model, TranslatableMixin
            ):
                self._narrow(name, field, locale_id)

    def _narrow(self, name: str, field: forms.ModelMultipleChoiceField, locale_id: int) -> None:
        model = field.queryset.model
        chosen_pks = [getattr(item, "pk", item) for item in self.initial.get(name) or []]
        chosen = list(model._default_manager.filter(pk__in=chosen_pks))
        here = {
            obj.translation_key: obj
            for obj in model._default_manager.filter(
                locale_id=locale_id, translation_key__in=[obj.translation_key for obj in chosen]
            )
        }
        mapped = [here.get(obj.translation_key, obj) for obj in chosen]
        elsewhere = [obj.pk for obj in mapped if obj.locale_id != locale_id]
        field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=elsewhere))
        if chosen:
            self.initial[name] = [obj.pk for obj in mapped]
