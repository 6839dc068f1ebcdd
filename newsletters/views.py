"""Public views of the audience: sign-up, confirmation, preference centre, unsubscribe.

No view sets or needs a cookie. The sign-up form is in every cached page's footer, so its endpoint
is CSRF-exempt and guarded by a same-origin check, a honeypot and rate limits
(`newsletters.protection`); the other views are authorised by the signed token in their URL, and
RFC 8058 one-click unsubscribes are posted without cookies anyway. A sign-up gets the same
redirect whether or not the address is known. Links in emails lead to a button whose POST acts,
so link scanners change nothing. Hostile input gets a 4xx and writes nothing: invalid tokens 400,
expired or used 410, floods 429, cross-site posts 403.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from home.client_address import client_ip
from newsletters import audience, tasks
from newsletters.audience.privacy_notice import privacy_page_url
from newsletters.audience.tokens import (
    Purpose,
    TokenData,
    TokenError,
    TokenExpired,
    make_token,
    read_token,
    subscriber_for_token,
)
from newsletters.forms import PreferencesForm, SignupForm, page_language
from newsletters.models import ConsentRecord, Subscriber, normalize_email
from newsletters.protection import (
    allow_signup_for_address,
    allow_signup_from_ip,
    is_same_origin,
    signup_body_too_large,
    signup_post_data,
)


def _problem(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """A plain page explaining what went wrong, with the right status code."""
    context = {"title": title, "message": message}
    return render(request, "newsletters/problem.html", context, status=status)


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached by a token URL: never cached, never indexed, never leak the URL onwards."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@method_decorator(csrf_exempt, name="dispatch")
class SignupView(View):
    """The sign-up page (GET) and the endpoint the footer form and this page post to (POST).

    GET is the same for every visitor (cacheable). POST always answers with a redirect to the
    "check your inbox" page when the input is acceptable, whatever the address's history.
    """

    template_name = "newsletters/signup.html"

    def get_form(self, data=None) -> SignupForm:
        return SignupForm(
            data, language=page_language(), privacy_url=privacy_page_url(self.request)
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self.get_form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        data = None if signup_body_too_large(request) else signup_post_data(request)
        if data is None:
            return _problem(
                request,
                413,
                _("Sign-up refused"),
                _("The sign-up form sends a few short fields only; files are not accepted."),
            )
        if not is_same_origin(request):
            return _problem(
                request,
                403,
                _("Sign-up refused"),
                _("Please use the sign-up form on our own website."),
            )
        if not allow_signup_from_ip(request):
            response = _problem(
                request,
                429,
                _("Too many sign-ups"),
                _("We received too many sign-ups from your network. Please try again later."),
            )
            response["Retry-After"] = "3600"
            return response
        form = self.get_form(data)
        thanks = HttpResponseRedirect(reverse("newsletters:signup_thanks"), status=303)
        if form.is_bot:
            return thanks
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        address = normalize_email(form.cleaned_data["email"])
        if allow_signup_for_address(address):
            outcome = audience.request_subscription(
                address,
                language=form.cleaned_data["language"],
                topic_keys=form.chosen_topic_keys(),
                consent_text=form.consent_statement(),
                ip_address=client_ip(request),
                page_url=request.headers.get("Referer", "")[:500],
            )
            # Enqueued after the data is committed, so a worker always finds the rows.
            if outcome.already_confirmed:
                tasks.send_already_subscribed_email.enqueue(outcome.subscriber.pk)
            else:
                tasks.send_confirmation_email.enqueue(outcome.consent.pk)
        return thanks


class Refused(Exception):
    """Why a signed link cannot be acted on: the `_problem` page's status, title and message."""


class TokenView(View):
    """Shared handling of the signed links: read the token, find the subscriber, or explain."""

    purpose: Purpose

    @method_decorator(never_cache)
    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except Refused as refused:
            response = _problem(request, *refused.args)
        return _private(response)

    def read(self, token: str) -> TokenData:
        try:
            return read_token(token, self.purpose)
        except TokenExpired:
            raise Refused(
                410,
                _("This link has expired"),
                _("For your security, links in our emails stop working after a while."),
            ) from None
        except TokenError:
            raise self.invalid() from None

    def invalid(self) -> Refused:
        return Refused(
            400,
            _("This link is not valid"),
            _("The link may have been cut short or changed. Please copy the whole link."),
        )


class ConfirmView(TokenView):
    """Double opt-in: the emailed link shows a button; pressing it (POST) confirms."""

    purpose = Purpose.CONFIRM

    def get_consent(self, token: str) -> ConsentRecord:
        data = self.read(token)
        subscriber = subscriber_for_token(data)
        consent = (
            subscriber.consents.filter(pk=data.consent_id, source=ConsentRecord.Source.FORM).first()
            if subscriber
            else None
        )
        if consent is None:
            raise self.invalid()
        superseded = subscriber.confirmed_at and consent.created_at < subscriber.confirmed_at
        if consent.confirmed_at is not None or superseded:
            raise Refused(
                410,
                _("This link has already been used"),
                _("Your subscription was confirmed with it. You do not need to do anything."),
            )
        return consent

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        consent = self.get_consent(token)
        topics = audience.topic_names_in(consent.topic_keys, page_language())
        return render(request, "newsletters/confirm.html", {"consent": consent, "topics": topics})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        consent = self.get_consent(token)
        subscriber = audience.confirm_subscription(consent, ip_address=client_ip(request))
        tasks.send_welcome_email.enqueue(subscriber.pk)
        preferences = reverse(
            "newsletters:preferences", kwargs={"token": make_token(subscriber, Purpose.PREFERENCES)}
        )
        return render(request, "newsletters/confirmed.html", {"preferences_url": preferences})


class PreferencesView(TokenView):
    """The preference centre a link in every newsletter opens: language, topics, unsubscribe."""

    purpose = Purpose.PREFERENCES
    template_name = "newsletters/preferences.html"

    def get_subscriber(self, token: str) -> Subscriber:
        subscriber = subscriber_for_token(self.read(token))
        if subscriber is None:
            raise self.invalid()
        return subscriber

    def render_page(self, subscriber: Subscriber, form=None, status: int = 200, saved=False):
        if form is None and subscriber.is_active:
            current = [str(topic.translation_key) for topic in subscriber.topics.all()]
            form = PreferencesForm(
                initial={"language": subscriber.language, "topics": current},
                language=page_language(),
            )
        unsubscribe = reverse(
            "newsletters:unsubscribe",
            kwargs={"token": make_token(subscriber, Purpose.UNSUBSCRIBE)},
        )
        context = {
            "subscriber": subscriber,
            "form": form,
            "saved": saved,
            "unsubscribe_url": unsubscribe,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.render_page(self.get_subscriber(token))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = self.get_subscriber(token)
        if not subscriber.is_active:
            return self.render_page(subscriber, status=409)
        form = PreferencesForm(request.POST, language=page_language())
        if not form.is_valid():
            return self.render_page(subscriber, form=form, status=400)
        audience.update_preferences(
            subscriber,
            language=form.cleaned_data["language"],
            topic_keys=form.cleaned_data["topics"],
        )
        return self.render_page(subscriber, form=form, saved=True)


class UnsubscribeView(TokenView):
    """The `List-Unsubscribe` URL: GET asks for confirmation, POST unsubscribes (RFC 8058).

    The POST is what mailbox providers send for their one-click button: no cookie, no CSRF
    token, body `List-Unsubscribe=One-Click`. Repeating it is harmless and answers the same.
    """

    purpose = Purpose.UNSUBSCRIBE

    def get_subscriber(self, token: str) -> Subscriber | None:
        """The link's subscriber; None when erased, which leaves them unsubscribed already."""
        data = self.read(token)
        subscriber = Subscriber.objects.filter(pk=data.subscriber_id).first()
        if subscriber is not None and subscriber.token_key != data.key:
            raise self.invalid()  # the address was changed: this link no longer speaks for it
        return subscriber

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = self.get_subscriber(token)
        if subscriber is None or subscriber.status not in {
            Subscriber.Status.CONFIRMED,
            Subscriber.Status.PENDING,
        }:
            return render(request, "newsletters/unsubscribed.html")
        return render(request, "newsletters/unsubscribe.html", {"subscriber": subscriber})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = self.get_subscriber(token)
        if subscriber is not None:
            audience.unsubscribe(subscriber)
        return render(request, "newsletters/unsubscribed.html")
