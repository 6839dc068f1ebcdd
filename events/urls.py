"""Public, language-prefixed routes of the events app (mounted in `stempd.urls`)."""

app_name = "events"
urlpatterns: list = []
