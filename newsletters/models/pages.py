"""The newsletter as Wagtail pages: an archive per language and the issues editors compose.

An issue is an ordinary page, so partners translate it with wagtail-localize and readers find
past issues on the web. The archive lists only issues that have been sent (a published issue
waiting for its send day stays out of it), newest first, with an RSS feed per language.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.caching.restrictions import KeptViewRestrictionsMixin
from newsletters.blocks import NewsletterStreamBlock
from newsletters.models.sends import Send

ISSUES_PER_PAGE = 12
FEED_ITEMS = 20


def _sent_sends():
    return Send.objects.filter(
        is_test=False,
        status__in=[Send.Status.SENDING, Send.Status.DONE],
        page__translation_key=OuterRef("translation_key"),
    )


class NewsletterIndexPage(KeptViewRestrictionsMixin, RoutablePageMixin, Page):
    """The public archive of sent issues in one language, with its RSS feed at `feed/`."""

    intro = models.TextField(
        blank=True,
        help_text=_("A sentence or two above the list of issues, e.g. what the newsletter covers."),
        verbose_name=_("intro"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletters.NewsletterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def issues(self):
        """Sent, live, public issues under this archive, newest send first."""
        sent = _sent_sends()
        return (
            NewsletterPage.objects.child_of(self)
            .live()
            .public()
            .filter(Exists(sent))
            .annotate(sent_at=Subquery(sent.order_by("started_at").values("started_at")[:1]))
            .defer_streamfields()
            .order_by("-sent_at", "-pk")
        )

    @path("")
    def archive(self, request: HttpRequest) -> HttpResponse:
        """The list of issues, paginated."""
        paginator = Paginator(self.issues(), ISSUES_PER_PAGE)
        issues = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"issues": issues})

    @path("feed/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        """RSS 2.0 of the newest sent issues in this archive's language."""
        link = self.get_full_url(request) or ""
        feed = Rss201rev2Feed(
            title=_("STEM PD Net newsletter: %(title)s") % {"title": self.title},
            link=link,
            description=self.intro
            or str(_("The newsletter of the European STEM PD Centre Network")),
            language=self.locale.language_code,
            feed_url=link + "feed/",
        )
        for issue in self.issues()[:FEED_ITEMS]:
            url = issue.get_full_url(request) or ""
            feed.add_item(
                title=issue.title,
                link=url,
                description=issue.preheader or issue.search_description or "",
                pubdate=issue.sent_at,
                unique_id=url,
            )
        response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
        feed.write(response, "utf-8")
        return response


class NewsletterPage(KeptViewRestrictionsMixin, Page):
    """One newsletter issue: composed here, previewed as web page and email, then sent.

    The web version is the archive's copy and the "view in your browser" link; the email is
    rendered from the same blocks by `newsletters.sending.rendering`. Sending happens from the
    page's "Send newsletter" action in the admin.
    """

    subject = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("The email's subject line. Leave empty to use the title."),
        verbose_name=_("subject"),
    )
    preheader = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "The line inboxes show after the subject, and the summary in the archive and its "
            "feed. One sentence that makes people open the email."
        ),
        verbose_name=_("preheader"),
    )
    body = StreamField(NewsletterStreamBlock(), use_json_field=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("subject"), FieldPanel("preheader")], heading=_("Email")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("preheader"),
        index.SearchField("body"),
    ]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    @property
    def email_subject(self) -> str:
        """What the inbox shows: the subject line, else the title."""
        return self.subject or self.title

    preview_modes = [("", _("Web")), ("email", _("Email"))]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """The email preview shows exactly what subscribers of this page's language receive."""
        if mode_name == "email":
            # Imported here: the sending half's package reads these models when it loads.
            from newsletters.sending.rendering import render_preview

            return HttpResponse(render_preview(self))
        return super().serve_preview(request, mode_name)

    def canonical_page(self) -> "NewsletterPage":
        """The issue a send belongs to: its version in the default language when there is one.

        Sending from the German translation or from the English source must be the same send
        (one per audience), so sends always point at one page of the translation group.
        """
        return (
            NewsletterPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            or self
        )

    def edition_page(self, language: str, *, draft: bool = False) -> "NewsletterPage":
        """The version readers of `language` get: its translation, else this page itself.

        Real sends count only live translations (a draft translation is not finished); test
        sends (`draft=True`) show the latest revision, so editors can check before publishing.
        """
        candidates = NewsletterPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=language
        )
        if not draft:
            candidates = candidates.live()
        found = candidates.first() or self
        return found.get_latest_revision_as_object() if draft else found

    def first_sent_at(self):
        """When this issue (in any language) first went out, for the archive and the page."""
        first = _sent_sends().order_by("started_at").values("started_at")[:1]
        return (
            NewsletterPage.objects.filter(pk=self.pk)
            .annotate(first=Subquery(first))
            .values_list("first", flat=True)
            .first()
        )
