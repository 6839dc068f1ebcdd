"""Home page, standard pages, and the site-wide snippets (main menu, footer) every page shows."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.caching.restrictions import KeptViewRestrictionsMixin
from home.listings import ListingItem
from home.mixins import SocialMetaMixin


class HomePage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """The root of each language's page tree; feature apps add sections through Wagtail's hooks."""

    hero_title = models.CharField(
        max_length=160,
        blank=True,
        help_text=_("Large headline at the top of the home page. Leave empty to use the title."),
        verbose_name=_("hero title"),
    )
    intro = models.TextField(
        blank=True,
        help_text=_("One or two sentences under the headline saying what the network is."),
        verbose_name=_("intro"),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Picture beside the headline. Leave empty for the network's map illustration. "
            "Its description (alt text) is read to visitors who cannot see it."
        ),
        verbose_name=_("hero image"),
    )
    cta_label = models.CharField(
        _("call to action"),
        max_length=60,
        blank=True,
        help_text=_(
            "The one button under the headline, e.g. 'Find a centre near you'. Leave empty to "
            "invite visitors to the newsletter."
        ),
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("call to action page"),
        help_text=_("Where the button leads. Without a page it leads to the newsletter sign-up."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        "hero_title",
        "intro",
        "hero_image",
        MultiFieldPanel(["cta_label", "cta_page"], heading=_("Call to action")),
        "body",
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """A plain content page: about the network, imprint, privacy, funding notice."""

    intro = models.TextField(
        blank=True, help_text=_("A short summary shown under the title."), verbose_name=_("intro")
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "intro", "body"]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def listing_item(self, request=None) -> ListingItem:
        """The page as listings of other apps show it (newsletter cards): its intro as summary."""
        return ListingItem(
            title=self.title,
            url=self.get_url(request) or "",
            summary=self.intro or self.search_description,
            image=self.get_social_image(),
            language=self.locale.language_code,
        )


class MainMenu(TranslatableMixin, DraftStateMixin, RevisionMixin, ClusterableModel):
    """The header navigation, one per language, so partners can translate the labels."""

    name = models.CharField(
        max_length=80,
        default="Main menu",
        help_text=_("For editors only; not shown on the site."),
        verbose_name=_("name"),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="main_menu")

    panels = ["name", InlinePanel("items", label=_("Menu items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        """Deleting the menu deletes its revisions through this generic relation."""
        return self._revisions


class MainMenuItem(TranslatableMixin, Orderable):
    """One link in the main menu: a page, with an optional shorter label (translated)."""

    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page this item opens."),
        verbose_name=_("link page"),
    )
    label = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("Leave empty to use the page's title."),
        verbose_name=_("label"),
    )

    panels = ["link_page", "label"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("main menu item")
        verbose_name_plural = _("main menu items")


class FooterText(TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model):
    """Editable footer text (contact, address) shown on every page above the funding notice."""

    body = RichTextField(features=["bold", "italic", "link"], verbose_name=_("body"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="footer_text")

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer text")

    def __str__(self) -> str:
        return str(_("Footer text"))

    @property
    def revisions(self):
        """Deleting the footer deletes its revisions through this generic relation."""
        return self._revisions

    def get_preview_template(self, request, mode_name: str) -> str:
        return "home/previews/footer_text.html"
