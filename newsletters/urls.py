"""Public, language-prefixed routes of the newsletters app (mounted in `stempd.urls`)."""

app_name = "newsletters"
urlpatterns: list = []
