"""Public, language-prefixed routes of the network app (mounted in `stempd.urls`)."""

app_name = "network"
urlpatterns: list = []
