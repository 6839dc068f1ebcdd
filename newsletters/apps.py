"""Newsletter audience (subscribers, consent) and newsletter composing and dispatch."""

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Who receives the network's newsletter, and how it is sent."""

    name = "newsletters"
    verbose_name = "Newsletters"
