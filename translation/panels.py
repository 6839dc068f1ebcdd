"""Dashboard panels of the translation workflow: a translator's "Waiting for your translation"
and "Submitted for review", and a reviewer's "Translations awaiting your review" (all from
`translation.queue`)."""

from wagtail.admin.ui.components import Component

from translation.queue import review_queue, submitted_for_review, translator_queue


class QueuePanel(Component):
    """A dashboard list of `QueueItem`s: `queue` says whose, the template how they show."""

    template_name = "translation_workflow/panels/queue.html"
    queue = staticmethod(translator_queue)
    review = False

    def __init__(self, request):
        self.items = self.queue(request.user)

    def get_context_data(self, parent_context=None):
        return {"items": self.items, "review": self.review}


class TranslatorQueuePanel(QueuePanel):
    """Partner translators open the admin and see what was sent into their language."""

    name = "translation_queue"
    order = 90  # above Wagtail's own panels: it is the translator's main work list


class ReviewQueuePanel(QueuePanel):
    """Communications staff see the translations waiting for their approval, with progress."""

    name = "translation_review_queue"
    order = 95
    queue = staticmethod(review_queue)
    review = True


class SubmittedPanel(QueuePanel):
    """A translator's pages with the reviewers, in place of Wagtail's panel of the same pages."""

    name = "translation_submitted"
    template_name = "translation_workflow/panels/submitted.html"
    order = 100
    queue = staticmethod(submitted_for_review)
