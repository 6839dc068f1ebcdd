"""Partner profiles: the PD centres, universities, schools and foundations of the network."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from django_countries.fields import CountryField

from home.caching.restrictions import KeptViewRestrictionsMixin
from home.localization import in_locale
from home.mixins import SocialMetaMixin
from network.queries import query_value, visible_children


class PartnerType(models.TextChoices):
    """What kind of organisation a partner is."""

    PD_CENTRE = "pd-centre", _("PD centre")
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("School")
    FOUNDATION = "foundation", _("Foundation")
    MINISTRY = "ministry", _("Ministry")


class PartnerRole(models.TextChoices):
    """A partner's role in the network."""

    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class PartnerIndexPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """All partners of one language, filterable by country and type; complete without JavaScript."""

    intro = models.TextField(blank=True, verbose_name=_("intro"))

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partners index page")

    def partners(self):
        """Live, public partner profiles of this language, alphabetical."""
        return visible_children(PartnerPage, self).select_related("logo").order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = self.partners()
        countries = sorted({partner.country for partner in partners}, key=lambda c: c.name)
        country = query_value(request, "country").upper()
        partner_type = query_value(request, "type")
        if country not in {c.code for c in countries}:
            country = ""
        if partner_type not in PartnerType.values:
            partner_type = ""
        if country:
            partners = partners.filter(country=country)
        if partner_type:
            partners = partners.filter(partner_type=partner_type)
        context.update(
            partners=partners,
            countries=countries,
            partner_types=PartnerType.choices,
            active_country=country,
            active_type=partner_type,
        )
        return context


class PartnerPage(KeptViewRestrictionsMixin, SocialMetaMixin, Page):
    """A partner organisation: who they are, where, whom to contact, and what they coordinate.

    The page title is the organisation's full name.
    """

    short_name = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("E.g. 'IMST' or 'ICSE'."),
        verbose_name=_("short name"),
    )
    partner_type = models.CharField(max_length=20, choices=PartnerType.choices)
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    country = CountryField()
    city = models.CharField(max_length=100, verbose_name=_("city"))
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    website = models.URLField(blank=True, verbose_name=_("website"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"], blank=True, verbose_name=_("description")
    )
    is_example = models.BooleanField(
        default=False,
        help_text=_("Tick for fictitious demo organisations; the page then says it is an example."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                "short_name",
                FieldRowPanel(["partner_type", "role"]),
                "logo",
                "website",
                "is_example",
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["country", "city"]),
                FieldRowPanel(["latitude", "longitude"]),
            ],
            heading=_("Location"),
        ),
        "description",
        InlinePanel("contacts", label=_("Contact people")),
        InlinePanel("outputs", label=_("Projects and outputs they coordinate")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("partner_type"),
    ]
    parent_page_types = ["network.PartnerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner")

    @property
    def listing_image(self):
        """The image cards and social previews use."""
        return self.logo

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outputs = [link.output for link in self.outputs.select_related("output")]
        context["outputs"] = in_locale(outputs, self.locale_id, live_pages=True)
        return context

    @property
    def shows_short_name(self) -> bool:
        """Whether the heading adds "(short name)" after the title.

        Not when the title already names it as a word, as in "International Centre for STEM
        Education (ICSE), University of Education Freiburg" or "IMST, University of Klagenfurt":
        repeating it reads as a mistake.
        """
        short = self.short_name.strip()
        if not short:
            return False
        return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", self.title, re.IGNORECASE) is None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PartnerContact(TranslatableMixin, Orderable):
    """A contact person at a partner; the email is shown only when the editor allows it."""

    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120, verbose_name=_("name"))
    role = models.CharField(max_length=160, blank=True, verbose_name=_("role"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    email = models.EmailField(blank=True, verbose_name=_("email address"))
    show_email = models.BooleanField(
        default=False,
        help_text=_("Only tick this if the person agreed to show the address publicly."),
    )

    panels = ["name", "role", "photo", "email", "show_email"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    @property
    def public_email(self) -> str:
        return self.email if self.show_email else ""


class PartnerOutput(Orderable):
    """A project or output (a page on this site) the partner coordinates."""

    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="outputs")
    output = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = ["output"]
