"""Shared app: home page, shared blocks and mixins, site settings, navigation, demo content."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home imports no feature app; they offer content through Wagtail's hooks (`home.listings`)."""

    name = "home"
    verbose_name = "Site"

    def ready(self) -> None:
        from home import checks, converters, patches, privacy  # noqa: F401 (checks register themselves)
        from home.caching import wiring
        from home.demo_content import build_home
        from home.demo_translations import build_translations
        from home.registry import DemoStep, register_demo_step

        converters.register()
        wiring.connect()
        privacy.connect()
        patches.install()
        register_demo_step(DemoStep(name="home", run=build_home, order=10))
        # After every app's pages, before the translator accounts (90).
        register_demo_step(DemoStep(name="translations", run=build_translations, order=80))
