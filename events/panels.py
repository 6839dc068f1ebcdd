"""Admin panels of the events app."""

from django.apps import apps

from wagtail.admin.panels import PageChooserPanel


class OptionalPageChooserPanel(PageChooserPanel):
    """A page chooser restricted to `page_type` once those page models exist.

    Events link to partner and cross-cutting issue pages of the network app without importing
    it. While a named model is not installed (or not written yet), the chooser offers every page
    rather than breaking the edit view; as soon as the model exists the restriction applies.
    """

    def get_form_options(self):
        installed = []
        for label in self.page_type or []:
            try:
                apps.get_model(label)
            except (LookupError, ValueError):
                continue
            installed.append(label)
        original, self.page_type = self.page_type, installed or None
        try:
            return super().get_form_options()
        finally:
            self.page_type = original
