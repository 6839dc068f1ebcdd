"""Shared app: home page, shared blocks and mixins, site settings, navigation."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home imports no feature app; they offer content through Wagtail's hooks (`home.listings`)."""

    name = "home"
    verbose_name = "Site"

    def ready(self) -> None:
        from home import checks, converters, patches, privacy  # noqa: F401 (checks register themselves)
        from home.caching import wiring

        converters.register()
        wiring.connect()
        privacy.connect()
        patches.install()
