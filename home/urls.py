"""Public, language-prefixed routes of the home app (mounted in `stempd.urls`)."""

app_name = "home"
urlpatterns: list = []
