"""The admin screen where staff upload an .ics file to create draft events from it."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import user_passes_test

from events.importer import ImportFileError, import_ics
from events.models import EventIndexPage


def addable_indexes(user) -> list[EventIndexPage]:
    """Events indexes below which `user` may add events (where imported drafts can go)."""
    return [
        index
        for index in EventIndexPage.objects.select_related("locale").order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


class ImportForm(forms.Form):
    """An .ics upload and the events index (so the language) the drafts go into."""

    file = forms.FileField(
        label=_("iCalendar file"),
        help_text=_("An .ics file exported from a calendar app. Events become drafts."),
        widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}),
    )
    index = forms.ModelChoiceField(
        queryset=EventIndexPage.objects.none(),
        label=_("Events section"),
        empty_label=None,
        help_text=_("The drafts are created here, in this section's language."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        pks = [index.pk for index in addable_indexes(user)]
        self.fields["index"].queryset = EventIndexPage.objects.filter(pk__in=pks)
        self.fields["index"].label_from_instance = lambda page: (
            f"{page.title} ({page.locale.get_display_name()})"
        )


def _can_import(user) -> bool:
    return user.is_active and bool(addable_indexes(user))


@user_passes_test(_can_import)
def import_events(request):
    """Show the upload form; on POST import and report created, updated and skipped events."""
    report = None
    error = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            index = form.cleaned_data["index"]
            if not index.permissions_for_user(request.user).can_add_subpage():
                raise PermissionDenied
            try:
                report = import_ics(form.cleaned_data["file"].read(), index, request.user)
            except ImportFileError as problem:
                error = str(problem)
    else:
        form = ImportForm(user=request.user)
    return TemplateResponse(
        request,
        "events/admin/import.html",
        {"form": form, "report": report, "error": error, "page_title": _("Import events")},
    )
