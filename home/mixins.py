"""Small abstract page mixins that carry their own fields and panels, combined explicitly.

`class NewsPage(SocialMetaMixin, Page)`: no universal base page, each page type lists what it has.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SocialMetaMixin(models.Model):
    """Sharing metadata: the image shown when the page is shared on social media.

    The meta description is Wagtail's own `search_description`; the canonical URL is the page's
    full URL, so neither needs a field here.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media (1200×630 px works best). "
            "Leave empty to use the page's main image, if it has one."
        ),
        verbose_name=_("social image"),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Social media")),
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        """The image for OpenGraph/Twitter cards: the chosen one, else the page's main image."""
        return self.social_image or getattr(self, "listing_image", None)
