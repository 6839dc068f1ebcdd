"""Pages whose view restrictions cost no query while the site has none.

Wagtail asks every page it serves for its view restrictions (two queries), and a public network
site usually has none. Whether any exists is kept until a restriction is saved or deleted, which
moves its table's tag, so a new one applies at the next request.
"""

from django.db.models import QuerySet

from wagtail.models import PageViewRestriction

from home.caching.fragments import cached_value


def site_has_view_restrictions() -> bool:
    """Whether any page of any site is private (kept until a restriction changes)."""
    return cached_value(("view-restrictions", "any"), PageViewRestriction.objects.exists)


class KeptViewRestrictionsMixin:
    """For page models: `get_view_restrictions` without queries on a site with none."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
