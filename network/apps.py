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
            Listing,
            register_demo_override,
            register_demo_step,
            register_listing,
        )
        from network.demo_content import build_network, translated_cover
        from network.listings import latest_booklets, latest_news

        register_listing(
            Listing("latest_news", latest_news, "network/includes/latest_news.html", order=10)
        )
        register_listing(
            Listing(
                "latest_booklets",
                latest_booklets,
                "network/includes/latest_booklets.html",
                order=20,
            )
        )
        register_demo_step(DemoStep(name="network", run=build_network, order=20))
        # Translated booklets get a cover with their own title, not the English one.
        register_demo_override(DemoOverride("network.BookletPage", "cover_image", translated_cover))
        # Loaded on every page: its home sections, slots and pages are never unstyled.
        from home.registry import register_stylesheet

        register_stylesheet("network/network.css")
