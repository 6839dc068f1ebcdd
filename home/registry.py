"""The demo's registry: steps of `load_demo_content` and per-language values of its translations.

What feature apps show on shared pages goes through Wagtail's hooks (`home.listings`); this
module only serves the demo, which is moving to an app of its own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Locale


@dataclass(frozen=True)
class DemoStep:
    """One part of the demo site: `run(context)` builds it, idempotently."""

    name: str
    run: Callable[[Any], None]
    order: int = 50


@dataclass(frozen=True)
class DemoOverride:
    """A field the demo sets per language when it translates a page of `model` ("app.Model").

    `make(context, source, locale, title)` returns the value for `field` in `source`'s translation
    into `locale` (an image, say), given the translation's title; None keeps the source's value.
    The field must be one wagtail-localize lets translators override (an image or a document).
    """

    model: str
    field: str
    make: Callable[[Any, Any, Locale, str], Any]


@dataclass
class Registry:
    """What apps contributed to the demo; one process-wide instance, filled at start-up."""

    demo_steps: dict[str, DemoStep] = field(default_factory=dict)
    demo_overrides: dict[tuple[str, str], DemoOverride] = field(default_factory=dict)


registry = Registry()


def register_demo_step(step: DemoStep) -> None:
    """Add (or replace, by name) a step of the demo-content command."""
    registry.demo_steps[step.name] = step


def get_demo_steps() -> list[DemoStep]:
    """Demo steps in the order they must run (e.g. partners before the events they organise)."""
    return sorted(registry.demo_steps.values(), key=lambda step: (step.order, step.name))


def register_demo_override(override: DemoOverride) -> None:
    """Add (or replace, by model and field) a per-language value of the demo's translations."""
    registry.demo_overrides[(override.model, override.field)] = override


def get_demo_overrides(model_label: str) -> list[DemoOverride]:
    """The demo overrides registered for pages of `model_label` ("app.Model")."""
    return [o for (model, _field), o in registry.demo_overrides.items() if model == model_label]
