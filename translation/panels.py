"""Dashboard panels of the translation workflow: a translator's "Waiting for your translation"
and a reviewer's "Translations awaiting your review" (both from `translation.queue`)."""

from wagtail.admin.ui.components import Component

from translation.queue import review_queue, translator_queue


class TranslatorQueuePanel(Component):
    """Partner translators open the admin and see what was sent into their language."""

    name = "translation_queue"
    template_name = "translation_workflow/panels/queue.html"
    order = 90  # above Wagtail's own panels: it is the translator's main work list

    def __init__(self, request):
        self.items = translator_queue(request.user)

    def get_context_data(self, parent_context=None):
        return {"items": self.items, "review": False}


class ReviewQueuePanel(Component):
    """Communications staff see the translations waiting for their approval, with progress."""

    name = "translation_review_queue"
    template_name = "translation_workflow/panels/queue.html"
    order = 95

    def __init__(self, request):
        self.items = review_queue(request.user)

    def get_context_data(self, parent_context=None):
        return {"items": self.items, "review": True}
