"""Shared app: home page, shared blocks and mixins, site settings, navigation, demo content."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home imports no feature app; they register their content through `home.registry`."""

    name = "home"
    verbose_name = "Site"

    def ready(self) -> None:
        from home import converters, signals
        from home.demo_content import build_home
        from home.registry import DemoStep, register_demo_step

        converters.register()
        signals.connect()
        register_demo_step(DemoStep(name="home", run=build_home, order=10))
