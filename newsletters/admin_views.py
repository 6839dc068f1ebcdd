"""Staff screens of the audience, built on Wagtail's generic views so they look native.

The subscriber viewset (in `wagtail_hooks`) uses these: a listing whose CSV export is safe to
open in a spreadsheet, create/edit views that record the consent source staff declare, a delete
view that erases (GDPR) instead of merely deleting, the GDPR JSON export, and the CSV import
upload with its progress and validation report.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton

from newsletters import tasks
from newsletters.audience.gdpr import erase_subscriber, export_subscriber_data
from newsletters.audience.imports import ImportFileError, decode_upload, read_rows
from newsletters.forms import SubscriberImportForm, language_options
from newsletters.models import (
    ConsentRecord,
    Subscriber,
    SubscriberImport,
    SuppressedAddress,
    Topic,
    email_hash,
    normalize_email,
)


def user_can(request: HttpRequest, action: str) -> bool:
    """Django model permission on subscribers (Wagtail's groups grant these)."""
    return request.user.has_perm(f"newsletters.{action}_subscriber")


class SubscriberForm(WagtailAdminModelForm):
    """Staff add or edit a subscriber; adding one requires the consent source."""

    consent_source = forms.CharField(
        label=gettext_lazy("Consent source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Required when adding someone: how this person agreed to receive the newsletter."
        ),
    )

    class Meta:
        model = Subscriber
        fields = ["email", "language", "status", "topics"]
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label,
            choices=language_options,
            help_text=self.fields["language"].help_text,
        )
        self.fields["topics"].queryset = Topic.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        if self.instance.pk:
            del self.fields["consent_source"]

    def clean_email(self) -> str:
        address = normalize_email(self.cleaned_data["email"])
        taken = Subscriber.objects.filter(email=address).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This address is already a subscriber."))
        if not self.instance.pk and SuppressedAddress.objects.filter(
            email_hash=email_hash(address)
        ):
            raise forms.ValidationError(
                _("This address is on the suppression list and cannot be added.")
            )
        return address

    def clean_consent_source(self) -> str:
        value = " ".join(self.cleaned_data.get("consent_source", "").split())
        if not self.instance.pk and not value:
            raise forms.ValidationError(_("Say how this person gave consent."))
        return value


class SubscriberIndexView(generic.IndexView):
    """The audience listing, with topics prefetched and a spreadsheet-safe CSV export."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("topics")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if user_can(self.request, "add"):
            buttons.append(
                HeaderButton(
                    _("Import CSV"),
                    url=reverse("newsletters_import"),
                    icon_name="upload",
                )
            )
        return buttons


class SubscriberCreateView(generic.CreateView):
    """Adding a subscriber by hand records a consent with the source staff gave."""

    def save_instance(self):
        self.form.instance.source = Subscriber.Source.ADMIN
        subscriber = super().save_instance()
        ConsentRecord.objects.create(
            subscriber=subscriber,
            source=ConsentRecord.Source.ADMIN,
            consent_text=self.form.cleaned_data["consent_source"],
            language=subscriber.language,
            topic_keys=[str(topic.translation_key) for topic in subscriber.topics.all()],
            topic_names=[topic.name for topic in subscriber.topics.all()],
            actor=self.request.user,
            confirmed_at=subscriber.created_at,
        )
        return subscriber


class SubscriberEditView(generic.EditView):
    """Editing a subscriber, with the GDPR export one click away."""

    @property
    def header_more_buttons(self):
        export = Button(
            _("Export personal data (JSON)"),
            url=reverse("newsletters_subscriber_export", args=[self.object.pk]),
            icon_name="download",
            priority=30,
        )
        return [*super().header_more_buttons, export]


class SubscriberEraseView(generic.DeleteView):
    """Deleting a subscriber in the admin is a GDPR erasure: only a suppression hash remains."""

    page_title = gettext_lazy("Erase subscriber")

    @property
    def confirmation_message(self) -> str:
        return _(
            "Erase this subscriber? Everything about this person is deleted, including the "
            "consent history. Only a hash of the address is kept, so that no import can add it "
            "back."
        )

    def delete_action(self) -> None:
        erase_subscriber(self.object, note=f"erased by {self.request.user.get_username()}")

    def get_success_message(self) -> str:
        return _("Subscriber erased; the address is on the suppression list.")


def subscriber_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Download everything stored about one subscriber (GDPR right of access)."""
    if not user_can(request, "change"):
        raise PermissionDenied
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = JsonResponse(
        export_subscriber_data(subscriber), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"subscriber-{subscriber.pk}-{slugify(subscriber.email)}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a CSV: checked at once for shape, then imported in the background."""
    if not user_can(request, "add"):
        raise PermissionDenied
    form = SubscriberImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"default_language": settings.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["csv_file"]
        try:
            text = decode_upload(upload.read())
            read_rows(text)
        except ImportFileError as error:
            form.add_error("csv_file", str(error))
        else:
            job = SubscriberImport.objects.create(
                created_by=request.user,
                filename=upload.name[:255],
                consent_source=form.cleaned_data["consent_source"],
                default_language=form.cleaned_data["default_language"],
                csv_text=text,
            )
            job.topics.set(form.cleaned_data["topics"])
            tasks.run_subscriber_import.enqueue(job.pk)
            messages.success(request, _("The import has started."))
            return redirect("newsletters_import_status", pk=job.pk)
    context = {
        "form": form,
        "recent_imports": SubscriberImport.objects.select_related("created_by")[:10],
        "page_title": _("Import subscribers"),
        "header_icon": "upload",
    }
    return TemplateResponse(request, "newsletters/admin/import.html", context)


def import_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of one import and, once done, its validation report."""
    if not user_can(request, "add"):
        raise PermissionDenied
    job = get_object_or_404(SubscriberImport.objects.select_related("created_by"), pk=pk)
    running = job.status in {SubscriberImport.Status.QUEUED, SubscriberImport.Status.RUNNING}
    context = {
        "job": job,
        "running": running,
        "page_title": _("Subscriber import"),
        "header_icon": "upload",
        "subscribers_url": reverse("newsletter_subscribers:index"),
    }
    return TemplateResponse(request, "newsletters/admin/import_status.html", context)
