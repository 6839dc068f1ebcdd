"""Image limits for the one upload that bypasses Wagtail's image form: the profile picture.

Any admin user, partner translators included, may change their avatar, a plain image field that
Wagtail shrinks in the web process by decoding the whole bitmap: a small file with a huge pixel
count would exhaust its memory. It is checked first with the image library's own field and limits
(`WAGTAILIMAGES_MAX_*`), so the refusal reads the same, in the user's language.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from wagtail.images.fields import WagtailImageField
from wagtail.users.models import UserProfile

ACCOUNT_VIEW = "wagtailadmin_account"
AVATAR_FIELD = "avatar-avatar"  # Wagtail's avatar settings panel, prefix "avatar"


def image_upload_errors(upload) -> list[str]:
    """Why `upload` breaks the image library's limits (format, size, pixels); empty if none."""
    try:
        WagtailImageField(required=False).clean(upload)
    except ValidationError as error:
        return list(error.messages)
    finally:
        upload.seek(0)
    return []


class ProfilePictureLimitMiddleware:
    """Refuses a profile picture beyond the image limits before the account form decodes it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.url_name != ACCOUNT_VIEW:
            return None
        upload = request.FILES.get(AVATAR_FIELD)
        if upload is None:
            return None
        # Wagtail switches to the user's admin language only inside its views.
        language = UserProfile.get_for_user(request.user).get_preferred_language()
        with translation.override(language):
            errors = image_upload_errors(upload)
        if not errors:
            return None
        for error in errors:
            messages.error(request, error)
        return redirect(ACCOUNT_VIEW)
