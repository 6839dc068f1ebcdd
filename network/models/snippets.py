"""Snippets the network's pages share: people (authors, contacts) and news categories."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Person(
    TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """Someone who writes news or coordinates work; the role and bio are translated per language."""

    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(
        _("Role"),
        max_length=160,
        blank=True,
        help_text=_("E.g. 'Coordinator, Cross-Cutting Issue 06'."),
    )
    organisation = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("The person's organisation, as it should be shown."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    bio = models.TextField(
        blank=True,
        help_text=_("Two or three sentences, written for visitors."),
        verbose_name=_("bio"),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")

    panels = ["name", "role", "organisation", "photo", "bio"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        """Deleting the person deletes their revisions through this generic relation."""
        return self._revisions

    def get_preview_template(self, request, mode_name: str) -> str:
        return "network/previews/person.html"


class NewsCategory(TranslatableMixin, models.Model):
    """A broad subject for news items (e.g. 'Network meetings'), translated per language."""

    name = models.CharField(max_length=80, verbose_name=_("name"))
    slug = models.SlugField(
        max_length=80, help_text=_("Used in filter links; keep it the same in every language.")
    )

    panels = ["name", "slug"]
    # The slug is in filter links, which must work the same in every language.
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
