"""App config of the demo (development only)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Provides `load_demo_content`; has no models and registers nothing at start-up."""

    name = "demo"
    verbose_name = "Demo content"
