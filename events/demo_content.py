"""The events app's part of the demo site (filled in below)."""

from home.demo import DemoContext


def build_events(context: DemoContext) -> None:
    """Placeholder."""
