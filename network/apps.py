"""The network's editorial content: news, booklets, cross-cutting issues, partner profiles."""

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Editorial content published by communications staff; adds home-page sections and demo."""

    name = "network"
    verbose_name = "Network content"

    def ready(self) -> None:
        from home.registry import DemoStep, Listing, register_demo_step, register_listing
        from network.demo_content import build_network
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
