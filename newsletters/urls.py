"""Public, language-prefixed routes of the newsletters app (mounted in `stempd.urls`).

They sit under `newsletter/` so a future newsletter archive page with that slug keeps its own
URL; only these sub-paths are taken.
"""

from django.urls import path
from django.views.generic import TemplateView

from newsletters import views

app_name = "newsletters"
urlpatterns = [
    path("newsletter/subscribe/", views.SignupView.as_view(), name="signup"),
    path(
        "newsletter/subscribe/thanks/",
        TemplateView.as_view(template_name="newsletters/signup_thanks.html"),
        name="signup_thanks",
    ),
    path("newsletter/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path(
        "newsletter/preferences/<str:token>/", views.PreferencesView.as_view(), name="preferences"
    ),
    path(
        "newsletter/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"
    ),
]
