"""Newsletter audience (subscribers, consent) and newsletter composing and dispatch."""

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Who receives the network's newsletter, and how it is sent."""

    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self) -> None:
        from anymail.signals import tracking

        from newsletters.webhooks import record_tracking_event

        tracking.connect(record_tracking_event, dispatch_uid="newsletters-tracking")
