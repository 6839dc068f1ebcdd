"""anymail's webhook URLs (`/anymail/<esp>/tracking/` ...), each view wrapped by
`newsletters.webhooks.guarded` so bad requests get a 4xx and write nothing.

Mounted outside the language prefix in `stempd.urls`, because ESPs post to one fixed URL.
"""

from django.urls.resolvers import URLPattern

from anymail.urls import urlpatterns as anymail_urlpatterns

from newsletters.webhooks import guarded

app_name = "anymail"
urlpatterns = [
    URLPattern(pattern.pattern, guarded(pattern.callback), pattern.default_args, pattern.name)
    for pattern in anymail_urlpatterns
]
