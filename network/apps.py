"""The network's editorial content: news, booklets, cross-cutting issues, partner profiles."""

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Editorial content published by communications staff; adds home-page sections and demo."""

    name = "network"
    verbose_name = "Network content"

    def ready(self) -> None:
        from home.registry import (
            DemoOverride,
            DemoStep,
            register_demo_override,
            register_demo_step,
        )
        from network.demo_content import build_network, translated_cover

        register_demo_step(DemoStep(name="network", run=build_network, order=20))
        # Translated booklets get a cover with their own title, not the English one.
        register_demo_override(DemoOverride("network.BookletPage", "cover_image", translated_cover))
