"""The network's editorial content: news, booklets, cross-cutting issues, partner profiles."""

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Editorial content published by communications staff."""

    name = "network"
    verbose_name = "Network content"
