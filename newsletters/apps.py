"""Newsletter audience (subscribers, consent) and newsletter composing and dispatch."""

from importlib import import_module

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Who receives the network's newsletter, and how it is sent.

    At start-up it puts the sign-up form into the footer slot of every page and adds its demo
    step, through `home.registry` (home never imports this app), and listens to anymail's
    tracking webhooks.
    """

    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self) -> None:
        from anymail.signals import tracking

        from home.registry import DemoStep, register_demo_step, register_slot
        from newsletters.demo import build_newsletter_audience
        from newsletters.webhooks import record_tracking_event

        # The tasks register themselves as the sending half's scheduler.
        import_module("newsletters.tasks")

        tracking.connect(record_tracking_event, dispatch_uid="newsletters-tracking")
        register_slot("newsletter_signup", "newsletters/signup_slot.html")
        register_demo_step(DemoStep(name="newsletters", run=build_newsletter_audience, order=60))
        # Loaded on every page: its home sections, slots and pages are never unstyled.
        from home.registry import register_stylesheet

        register_stylesheet("newsletters/newsletters.css")
