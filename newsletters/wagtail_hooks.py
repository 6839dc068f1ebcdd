"""Wagtail hooks of the newsletters app: one "Newsletter" menu (subscribers, topics, suppression),
the "Send newsletter" action on every issue, and the footer's sign-up form."""

from django import forms
from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter

import django_filters

from home.snippet_admin import TranslatableSnippetViewSet, language_column
from newsletters import admin_views, proof_sends, send_views, tasks
from newsletters.forms import language_options
from newsletters.models import (
    NewsletterPage,
    Subscriber,
    SuppressedAddress,
    Topic,
    email_hash,
    normalize_email,
)
from newsletters.proof_sends import LOG_ACTION, REFUSALS, REFUSED_ACTION
from newsletters.sending.scheduling import Scheduler


class SubscriberFilterSet(WagtailFilterSet):
    """Filter the audience by status, language and topic."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Subscriber.Status.choices, widget=forms.RadioSelect
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=language_options)
    topics = django_filters.ModelMultipleChoiceFilter(
        label=_("Topics"),
        queryset=lambda request: Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )

    class Meta:
        model = Subscriber
        fields = ["status", "language", "topics"]


class SubscriberViewSet(ModelViewSet):
    """Staff see, search, filter and export the audience; deleting someone erases them (GDPR)."""

    model = Subscriber
    name = "newsletter_subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "status", "topic_names", "created_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None  # plain database lookups: the audience is not in the search index
    list_export = [
        "email",
        "language",
        "status",
        "topic_names",
        "source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "newsletter-subscribers"
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = admin_views.SubscriberIndexView
    add_view_class = admin_views.SubscriberCreateView
    edit_view_class = admin_views.SubscriberEditView
    delete_view_class = admin_views.SubscriberEraseView

    def get_form_class(self, for_update: bool = False):
        return admin_views.SubscriberForm


class TopicViewSet(TranslatableSnippetViewSet):
    """Editors define the topics visitors choose; partners translate their names."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", language_column(), "is_public", "sort_order"]
    list_filter = ["is_public"]


class SuppressedAddressForm(WagtailAdminModelForm):
    """Block an address: staff type it, only its hash is stored."""

    email = forms.EmailField(label=_("Email address"), max_length=254)

    class Meta:
        model = SuppressedAddress
        fields = ["reason", "note"]

    def save(self, commit: bool = True):
        self.instance.email_hash = email_hash(self.cleaned_data["email"])
        return super().save(commit=commit)

    def clean_email(self) -> str:
        address = normalize_email(self.cleaned_data["email"])
        if SuppressedAddress.objects.filter(email_hash=email_hash(address)).exists():
            raise forms.ValidationError(_("This address is already suppressed."))
        return address


class SuppressionViewSet(ModelViewSet):
    """The suppression list: hashes of addresses never to be mailed or imported again."""

    model = SuppressedAddress
    name = "newsletter_suppression"
    icon = "warning"
    menu_label = _("Suppression list")
    list_display = ["__str__", "reason", "created_at", "note"]
    list_filter = ["reason"]
    form_fields = ["reason", "note"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update: bool = False):
        if for_update:
            return super().get_form_class(for_update)
        return SuppressedAddressForm


class NewsletterViewSetGroup(ModelViewSetGroup):
    """The audience in one admin menu."""

    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 300
    items = (SubscriberViewSet, TopicViewSet, SuppressionViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    """Add the Newsletter menu with subscribers, topics and the suppression list."""
    return NewsletterViewSetGroup()


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    """The CSV import and the GDPR export, beside the subscriber viewset."""
    return [
        path("newsletter/import/", admin_views.import_view, name="newsletters_import"),
        path(
            "newsletter/import/<int:pk>/",
            admin_views.import_status_view,
            name="newsletters_import_status",
        ),
        path(
            "newsletter/subscribers/<int:pk>/export/",
            admin_views.subscriber_export_view,
            name="newsletters_subscriber_export",
        ),
        path("newsletter/issue/<int:page_id>/send/", send_views.send_view, name="newsletters_send"),
        path(
            "newsletter/test-address/",
            send_views.verify_address_request_view,
            name="newsletters_verify_address_request",
        ),
        path(
            "newsletter/test-address/<str:token>/",
            send_views.verify_address_view,
            name="newsletters_verify_address",
        ),
        path(
            "newsletter/send/<int:send_id>/cancel/",
            send_views.cancel_view,
            name="newsletters_send_cancel",
        ),
        path(
            "newsletter/send/<int:send_id>/new-subscribers/",
            send_views.new_subscribers_view,
            name="newsletters_send_new_subscribers",
        ),
    ]


def may_use_send_screen(page, user) -> bool:
    """Whether to offer `user` the send screen of `page`: an issue they may send (publish) or
    send tests of. Translators preview the e-mail in their editor instead."""
    if page.specific_class is not NewsletterPage:
        return False
    permissions = page.permissions_for_user(user)
    if permissions.can_publish():
        return True
    return proof_sends.may_send_tests(user) and permissions.can_edit()


@hooks.register("register_page_header_buttons")
def newsletter_send_button(page, user, view_name=None, next_url=None):
    """ "Send newsletter" in the header of every issue the user may send or test."""
    if may_use_send_screen(page, user):
        yield Button(
            _("Send newsletter"),
            reverse("newsletters_send", args=[page.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("register_page_listing_buttons")
def newsletter_send_listing_button(page, user, next_url=None):
    """ "Send newsletter" on each issue's row in the page listing, beside "Edit"."""
    if may_use_send_screen(page, user):
        yield ListingButton(
            _("Send newsletter"),
            reverse("newsletters_send", args=[page.pk]),
            icon_name="mail",
            attrs={
                "aria-label": _("Send newsletter “%(title)s”")
                % {"title": page.get_admin_display_title()}
            },
            priority=15,
        )


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    """Test sends, and tests the worker refused, appear in the page's history and site history."""
    actions.register_action(LOG_ACTION, _("Send a test"), _("Test sent"))

    @actions.register_action(REFUSED_ACTION)
    class RefusedTestSendFormatter(LogFormatter):
        label = _("Test not sent")

        def format_message(self, log_entry) -> str:
            reason = REFUSALS.get(log_entry.data.get("reason"), "")
            return _("Test not sent: %(reason)s") % {"reason": reason}


@hooks.register("stempd_slot")
def signup_slot() -> tuple[str, str]:
    """The sign-up form, in the footer of every page."""
    return ("newsletter_signup", "newsletters/signup_slot.html")


@hooks.register("stempd_newsletter_scheduler")
def task_scheduler() -> Scheduler:
    """Sending queues its start, dispatch and watchdog work as this app's tasks."""
    return tasks.SCHEDULER
