"""The "Send newsletter" screen of an issue in Wagtail's admin: test, send, schedule, cancel,
progress and statistics, using Wagtail's own templates and form components so it looks native.

Sending to the audience is two steps: choosing topics and time shows the number of recipients
per language, and only the confirmation sends. Creating the send is idempotent per audience
(`newsletters.sending.create_send`), so a double click on "Confirm" sends once.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.widgets import AdminDateTimeInput

from newsletters import proof_sends, sending
from newsletters.conf import base_url
from newsletters.forms import language_options
from newsletters.models import NewsletterPage, Send, Topic
from newsletters.sending import languages
from newsletters.sending.progress import STAT_LABELS

MAX_TEST_ADDRESSES = 10
CHART_WIDTH = 420


class TestSendForm(forms.Form):
    """Addresses the editor types, and the language of the edition they receive.

    Bound to the user and the issue: a test mails a draft, so `newsletters.proof_sends` decides
    whether this user may see that language's draft, which addresses may receive it and whether
    the user's hourly quota is left.
    """

    addresses = forms.CharField(
        label=gettext_lazy("Send a test to"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Up to 10 addresses, separated by commas or new lines: verified addresses of staff "
            "accounts, or addresses listed in the newsletter settings."
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=language_options)

    def clean_addresses(self) -> list[str]:
        raw = self.cleaned_data["addresses"].replace(",", "\n").replace(";", "\n")
        addresses = [line.strip() for line in raw.splitlines() if line.strip()]
        if not addresses:
            raise forms.ValidationError(_("Type at least one address."))
        if len(addresses) > MAX_TEST_ADDRESSES:
            raise forms.ValidationError(_("Send a test to at most 10 addresses."))
        for address in addresses:
            validate_email(address)
        refused = proof_sends.refused_recipients(addresses, self.page)
        if refused:
            raise forms.ValidationError(
                _(
                    "Tests go only to verified addresses of staff accounts and to the addresses "
                    "listed in the newsletter settings. Not allowed: %(addresses)s"
                )
                % {"addresses": ", ".join(refused)}
            )
        return addresses

    def __init__(self, *args, user=None, page: NewsletterPage | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.page = page

    def clean_language(self) -> str:
        language = self.cleaned_data["language"]
        if not proof_sends.may_test(self.user, self.page, language):
            raise forms.ValidationError(
                _("You may not see this language's draft, so you cannot send a test of it.")
            )
        return language

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and not proof_sends.allow_test_send(self.user):
            raise forms.ValidationError(
                _("You have sent the most tests allowed for now. Try again in an hour.")
            )
        return cleaned


class AudienceForm(forms.Form):
    """Who receives the issue (topics; none chosen means every subscriber) and when."""

    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Topics"),
        queryset=Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Subscribers of any chosen topic receive the issue. Choose none to send it to "
            "every subscriber."
        ),
    )
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Send at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Leave empty to send now."),
    )

    def clean_scheduled_at(self):
        value = self.cleaned_data.get("scheduled_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return value


class LanguagePlanForm(forms.Form):
    """For each language of the audience without a translation: send the source language,
    hold its readers until translated, or skip them for this issue (no choice is made for
    staff: the review shows what each one means)."""

    PREFIX = "fallback_"

    def __init__(self, *args, rows: list[languages.LanguageRow], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if not row.translated:
                self.fields[self.PREFIX + row.code] = forms.ChoiceField(
                    label=row.name,
                    choices=languages.CHOICES,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose what readers in %(language)s receive.")
                        % {"language": row.name}
                    },
                )

    def clean(self) -> dict:
        cleaned = super().clean()
        known = dict(settings.LANGUAGES)
        for key in self.data:
            if key.startswith(self.PREFIX) and key.removeprefix(self.PREFIX) not in known:
                raise forms.ValidationError(_("The form names a language the site does not have."))
        return cleaned

    def plan(self) -> dict[str, str]:
        choices = {
            name.removeprefix(self.PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.PREFIX)
        }
        return languages.plan_for(self.rows, choices)

    def language_rows(self) -> list[dict]:
        """Each language with its count and, where untranslated, its choice field."""
        return [
            {"row": row, "field": None if row.translated else self[self.PREFIX + row.code]}
            for row in self.rows
        ]


def _issue(request: HttpRequest, page_id: int, *, publish: bool) -> NewsletterPage:
    page = get_object_or_404(NewsletterPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_publish() if publish else permissions.can_edit()):
        raise PermissionDenied
    return page


def _chart(stats: dict[str, dict[str, int]]) -> list[dict]:
    """Rows of the statistics chart: bars as SVG widths (no inline styles, no JavaScript)."""
    total = stats.get("all", {})
    most = max(total.get("recipients", 0), 1)
    return [
        {
            "label": label,
            "value": total.get(name, 0),
            "width": round(CHART_WIDTH * total.get(name, 0) / most),
            "y": index * 26,
        }
        for index, (name, label) in enumerate(STAT_LABELS.items())
    ]


def _context(page: NewsletterPage, **extra) -> dict:
    source = page.canonical_page()
    sends = list(Send.objects.filter(page=source).select_related("created_by")[:20])
    active = [send for send in sends if not send.is_final and not send.is_test]
    # Staff who come back after a send see how the latest one ended (e.g. 100 %).
    latest = next((send for send in sends if not send.is_test), None)
    finished = latest if latest is not None and latest.is_final else None
    stats = sending.statistics(page)
    names = dict(settings.LANGUAGES)
    return {
        "page": page,
        "page_title": _("Send newsletter"),
        "page_subtitle": page.get_admin_display_title(),
        "header_icon": "mail",
        "sends": sends,
        "progress": [sending.progress(send) for send in active],
        "finished": sending.progress(finished) if finished and not active else None,
        "stats_rows": [
            {"language": names.get(code, code), "code": code, **values}
            for code, values in stats.items()
            if code != "all"
        ],
        "stats_total": stats["all"],
        "chart": _chart(stats),
        "chart_width": CHART_WIDTH,
        "chart_height": len(STAT_LABELS) * 26,
        "held": _held(source, finished) if finished and not active else None,
        "refresh": bool(active),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        **extra,
    }


def _held(source: NewsletterPage, send: Send) -> dict | None:
    """Readers a finished send held until their language is translated, and how many of them
    a follow-up send would reach now (their translation is published)."""
    if send.status != Send.Status.DONE or not send.language_plan:
        return None
    waiting = sending.not_yet_received(source, sending.audience_topics(send))
    still_held = languages.held_counts(source, send.language_plan, waiting)
    held_codes = {code for code, choice in send.language_plan.items() if choice == languages.HOLD}
    released = waiting.filter(
        language__in=held_codes & languages.translated_languages(source)
    ).count()
    if not still_held and not released:
        return None
    names = dict(settings.LANGUAGES)
    return {
        "languages": sorted(
            (
                {"name": str(names.get(code, code)), "count": count}
                for code, count in still_held.items()
            ),
            key=lambda language: language["name"],
        ),
        "released": released,
    }


def send_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """Test, review the audience, then send or schedule; also shows progress and statistics."""
    page = _issue(request, page_id, publish=False)
    verified = proof_sends.is_verified(request.user)
    test_form = TestSendForm(
        initial={
            "language": page.locale.language_code,
            "addresses": request.user.email if verified else "",
        },
        user=request.user,
        page=page,
    )
    audience_form = AudienceForm()
    action = request.POST.get("action") if request.method == "POST" else None
    may_send_tests = proof_sends.may_send_tests(request.user)
    if action == "test" and not may_send_tests:
        raise PermissionDenied
    if action == "test":
        test_form = TestSendForm(request.POST, user=request.user, page=page)
        if test_form.is_valid():
            addresses = test_form.cleaned_data["addresses"]
            language = test_form.cleaned_data["language"]
            sending.create_test_send(
                page, addresses=addresses, language=language, user=request.user
            )
            proof_sends.log_test_send(request.user, page, language, addresses)
            messages.success(
                request, _("Test sent to %(addresses)s.") % {"addresses": ", ".join(addresses)}
            )
            return redirect("newsletters_send", page_id=page.pk)
    elif action in {"review", "send"}:
        page = _issue(request, page_id, publish=True)
        audience_form = AudienceForm(request.POST)
        if not page.live:
            messages.error(request, _("Publish the issue before sending it."))
        elif audience_form.is_valid():
            topics = list(audience_form.cleaned_data["topics"])
            scheduled_at = audience_form.cleaned_data["scheduled_at"]
            rows = languages.review(page.canonical_page(), topics)
            plan_form = LanguagePlanForm(request.POST if action == "send" else None, rows=rows)
            if action == "send" and plan_form.is_valid():
                outcome = sending.create_send(
                    page,
                    topics=topics,
                    user=request.user,
                    scheduled_at=scheduled_at,
                    language_plan=plan_form.plan(),
                )
                if not outcome.created:
                    messages.warning(
                        request,
                        _(
                            "This issue was already sent or queued for this audience; "
                            "it is not sent twice."
                        ),
                    )
                elif scheduled_at:
                    messages.success(request, _("The issue is scheduled."))
                else:
                    messages.success(request, _("The issue is being sent."))
                return redirect("newsletters_send", page_id=page.pk)
            context = _context(
                page,
                audience_form=audience_form,
                plan_form=plan_form,
                topics=topics,
                scheduled_at=scheduled_at,
                language_rows=plan_form.language_rows(),
                own_total=sum(row.count for row in rows if row.translated),
                fallback_total=sum(row.count for row in rows if not row.translated),
                source_language=dict(settings.LANGUAGES).get(
                    page.canonical_page().locale.language_code, ""
                ),
                total=sum(row.count for row in rows),
            )
            status = 400 if plan_form.is_bound else 200
            return TemplateResponse(
                request, "newsletters/admin/send_confirm.html", context, status=status
            )
    context = _context(
        page,
        test_form=test_form,
        audience_form=audience_form,
        may_send_tests=may_send_tests,
        address_verified=verified,
        email_preview_url=reverse("wagtailadmin_pages:view_draft", args=[page.pk]) + "?mode=email",
    )
    return TemplateResponse(request, "newsletters/admin/send.html", context)


def verify_address_request_view(request: HttpRequest) -> HttpResponse:
    """Mail the staff member a link that confirms their account's address for test sends (POST)."""
    if not proof_sends.may_send_tests(request.user):
        raise PermissionDenied
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("wagtailadmin_home")
    if request.method != "POST":
        return redirect(next_url)
    address = request.user.email
    if not address:
        messages.error(request, _("Your account has no e-mail address. Add one first."))
    elif not proof_sends.allow_verification_mail(request.user):
        messages.error(request, _("We have sent you several links already. Try again in an hour."))
    else:
        link = base_url() + reverse(
            "newsletters_verify_address", args=[proof_sends.verification_token(request.user)]
        )
        EmailMessage(
            subject=_("Confirm your address for newsletter tests"),
            body=_(
                "Open this link and press “Confirm” to receive test sends of newsletter issues "
                "at %(address)s:\n\n%(link)s\n\nThe link works for three days. If you did not "
                "ask for it, ignore this e-mail."
            )
            % {"address": address, "link": link},
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        ).send()
        messages.success(
            request,
            _("We sent a link to %(address)s. Open it to confirm the address.")
            % {"address": address},
        )
    return redirect(next_url)


def verify_address_view(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link: shows a button, and the POST confirms (mail scanners only GET links)."""
    if not proof_sends.may_send_tests(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if proof_sends.verify(request.user, token):
            messages.success(
                request,
                _("%(address)s is verified: it may receive test sends.")
                % {"address": request.user.email},
            )
        else:
            messages.error(
                request,
                _(
                    "This link is not valid for your account's current address, or it has "
                    "expired. Ask for a new one from a newsletter's “Send newsletter” screen."
                ),
            )
        return redirect("wagtailadmin_home")
    context = {
        "page_title": _("Confirm your address for newsletter tests"),
        "header_icon": "mail",
        "address": request.user.email,
    }
    return TemplateResponse(request, "newsletters/admin/verify_address.html", context)


def cancel_view(request: HttpRequest, send_id: int) -> HttpResponse:
    """Cancel a scheduled or running send (POST only)."""
    send = get_object_or_404(Send.objects.select_related("page"), pk=send_id)
    _issue(request, send.page_id, publish=True)
    if request.method == "POST":
        if sending.cancel_send(send):
            messages.success(request, _("The send is cancelled; nobody else receives it."))
        else:
            messages.warning(request, _("This send had already finished."))
    return redirect("newsletters_send", page_id=send.page_id)


def _nobody_to_send(page: NewsletterPage, send: Send) -> str:
    """Why a follow-up send found nobody: everyone has the issue, or the rest are held."""
    still_held = _held(page.canonical_page(), send)
    held = sum(language["count"] for language in still_held["languages"]) if still_held else 0
    if held:
        return ngettext(
            "Nobody can be sent this issue now: %(count)d reader is held until the issue is "
            "translated into their language.",
            "Nobody can be sent this issue now: %(count)d readers are held until the issue is "
            "translated into their language.",
            held,
        ) % {"count": held}
    return _("Everyone in this audience has already received this issue.")


def new_subscribers_view(request: HttpRequest, send_id: int) -> HttpResponse:
    """Send a finished send's issue to the people of its audience who have not received it
    (subscribers who joined since). POST only; a double click makes one send."""
    send = get_object_or_404(Send.objects.select_related("page"), pk=send_id, is_test=False)
    page = _issue(request, send.page_id, publish=True)
    if request.method != "POST":
        return redirect("newsletters_send", page_id=send.page_id)
    if send.status != Send.Status.DONE:
        messages.warning(request, _("Wait until this send has finished."))
        return redirect("newsletters_send", page_id=send.page_id)
    topics = sending.audience_topics(send)
    waiting = sending.sendable_now(page, topics, send.language_plan).count()
    outcome = sending.create_new_subscribers_send(
        page, topics=topics, user=request.user, language_plan=send.language_plan
    )
    if outcome is None:
        messages.info(request, _nobody_to_send(page, send))
    else:
        messages.success(
            request,
            ngettext(
                "Sending to %(count)d subscriber who has not received this issue yet.",
                "Sending to %(count)d subscribers who have not received this issue yet.",
                waiting,
            )
            % {"count": waiting},
        )
    return redirect("newsletters_send", page_id=send.page_id)
