"""What `load_demo_content` runs, in order, and the fields the demo's translations draw anew.

Each step builds one part of the site idempotently. The order matters: partners before the
events they organise, every page before the translations, the pages' languages before the
translator accounts whose permissions hang from them, and those (with the review workflow the
translators step sets up) before the translation lifecycle's states.
"""

from collections.abc import Callable
from typing import Any

from demo.builders import DemoContext
from demo.events_content import build_events
from demo.home_pages import build_home
from demo.lifecycle import build_lifecycle
from demo.network_content import build_network, translated_cover
from demo.newsletter_audience import build_newsletter_audience
from demo.translations import build_translations
from demo.translators import build_translators

STEPS: dict[str, Callable[[DemoContext], None]] = {
    "home": build_home,
    "network": build_network,
    "events": build_events,
    "newsletters": build_newsletter_audience,
    "translations": build_translations,
    "translators": build_translators,
    "lifecycle": build_lifecycle,
}

# (model label, field) → make(context, source, locale, translated title): the value the field
# takes in a translation instead of the source's (None keeps the source's). Only fields
# wagtail-localize lets translators override (images, documents).
OVERRIDES: dict[tuple[str, str], Callable[[DemoContext, Any, Any, str], Any]] = {
    # A translated booklet gets a cover with its own title, not the English one.
    ("network.BookletPage", "cover_image"): translated_cover,
}
