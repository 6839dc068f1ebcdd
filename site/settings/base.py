"""Settings shared by every profile; every deploy-time value is read from the environment here.

The environment contract is documented in `.env.example`. Profiles (`dev`, `test`, `production`)
only change defaults and hardening, never read new variables.
"""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

import dj_database_url

from stempd.settings.env import (
    anymail_settings,
    env_bool,
    env_list,
    env_str,
    mailers_setting,
    media_origin,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the `stempd` package (site/ in a checkout)
BASE_DIR = PROJECT_DIR.parent  # a checkout's root; site-packages when installed: never written to
# What the site writes (collected static files, uploads, development mail, demo logins): under
# VAR_DIR, else var/ in the working directory, never beside the installed package.
VAR_DIR = Path(env_str("VAR_DIR") or "var").resolve()

# --- Core --------------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "translation",
    "network",
    "events",
    "newsletters",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: locale admin with "sync from" support
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "anymail",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",  # its catalogues: Wagtail's "now", "a minute ago" in every language
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]
# The demo (`demo/`, with `load_demo_content`) is installed by the dev and test profiles only;
# INSTALL_DEMO=true adds it elsewhere, to load demo content on a staging site.
INSTALL_DEMO = env_bool("INSTALL_DEMO", False)
if INSTALL_DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cache hit touches no session and no database.
    "home.caching.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.malformed.MalformedFormMiddleware",  # 400 with a message, not Django's page
    "translation.allowlist.TranslatorAllowListMiddleware",  # translators: listed views only
    "home.uploads.ProfilePictureLimitMiddleware",  # the image limits for profile pictures too
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "stempd.middleware.SectionSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while an address is locked out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "stempd.urls"
WSGI_APPLICATION = "stempd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data --------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{Path('db.sqlite3').resolve()}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the task worker share the file: WAL lets readers run beside the writer,
    # IMMEDIATE transactions take the write lock up front instead of failing half-way. Connections
    # are kept like PostgreSQL's: opening one, with its PRAGMAs, on every request is costly.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")  # Wagtail's search index uses its GIN index
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Web processes (gunicorn's own variable, read by gunicorn.conf.py too). More than one needs
# REDIS_URL: `check --deploy` refuses a process-local cache then (home.checks).
WEB_CONCURRENCY = int(env_str("WEB_CONCURRENCY", "1"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "stempd.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stempd",
            # Fail fast when Redis is down: a miss costs queries, a hang would cost the request.
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.5},
        }
    }
else:
    # Room for the calendar feeds' per-event blocks (one per event, language and host): with
    # the default 300 entries they would evict each other and the pages.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Whole pages for anonymous visitors (home.caching.page_cache); 0 turns it off. Publishing
# invalidates at once; the timeout only bounds time-dependent content such as "upcoming events".
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "300"))

# A CDN or reverse proxy in front of the site: either an HTTP PURGE endpoint (Varnish, nginx,
# Squid) or Cloudflare. After a publish a background task purges it (never the publish request;
# home.caching.frontend, in place of Wagtail's frontend_cache app, which would queue a task per
# publish even with no proxy). Translations are separate pages with their own URLs, so Wagtail
# must not rewrite one URL into every language.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
if env_str("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []

# One worker (`manage.py db_worker`) runs our tasks and Wagtail's own background tasks, highest
# priority first: mail a person waits for before indexing and purges (home.task_priorities).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Email -------------------------------------------------------------------------------------
MAIL_DIR = VAR_DIR / "mail"
MAILERS = mailers_setting("django.core.mail.backends.smtp.EmailBackend", MAIL_DIR)
ANYMAIL = anymail_settings()
# Behind N trusted proxies the visitor's IP is the Nth address from the right of X-Forwarded-For;
# 0 (unset): the header is ignored. Read only by home.client_address, for login throttling,
# sign-up limits and download counts alike.
TRUSTED_PROXY_HOPS = int(env_str("TRUSTED_PROXY_HOPS", "0"))
# Newsletter audience and dispatch; links in emails use NEWSLETTER_BASE_URL.
NEWSLETTERS = {
    "BASE_URL": env_str("NEWSLETTER_BASE_URL"),
    # Dispatch: batch size and merge-field format are known for the common ESPs (0/empty = auto).
    "BATCH_SIZE": int(env_str("NEWSLETTER_BATCH_SIZE", "0")) or None,
    "MERGE_FIELD_FORMAT": env_str("NEWSLETTER_MERGE_FIELD_FORMAT") or None,
    "SEND_RATE": float(env_str("NEWSLETTER_SEND_RATE", "0")),
    "MAX_ATTEMPTS": int(env_str("NEWSLETTER_MAX_ATTEMPTS", "8")),
    "RETRY_BASE_DELAY": float(env_str("NEWSLETTER_RETRY_BASE_DELAY", "2")),
    "RETRY_MAX_DELAY": float(env_str("NEWSLETTER_RETRY_MAX_DELAY", "300")),
    "RETRY_WINDOW": int(env_str("NEWSLETTER_RETRY_WINDOW", str(24 * 3600))),
    "DATABASE_WAIT": int(env_str("NEWSLETTER_DATABASE_WAIT", "900")),
    "WATCHDOG_INTERVAL": float(env_str("NEWSLETTER_WATCHDOG_INTERVAL", "10")),
    "HEARTBEAT_INTERVAL": float(env_str("NEWSLETTER_HEARTBEAT_INTERVAL", "3")),
    # Test sends go to admin accounts' addresses and these domains only, a few per user per hour.
    "TEST_SEND_LIMIT": int(env_str("NEWSLETTER_TEST_SEND_LIMIT", "10")),
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "STEM PD Net <newsletter@stem-pd-net.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Internationalisation ----------------------------------------------------------------------
# The network's languages, English first as the source. This is the one list to change.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("fi", _("Finnish")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("nl", _("Dutch")),
    ("tr", _("Turkish")),
]
LANGUAGE_CODE = "en"
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
# Long dates as each language writes them where Django pads the day (stempd/formats/).
FORMAT_MODULE_PATH = ["stempd.formats"]
# The catalogues: `locale/` in a checkout, `stempd/locale/` inside the installed package.
LOCALE_PATHS = [path for path in (PROJECT_DIR / "locale", BASE_DIR / "locale") if path.is_dir()]

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3-compatible storage (several web machines share them) when a bucket is named;
# needs the `s3` extra. Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
MEDIA_ORIGINS: list[str] = []  # where uploads are served from, if not this site (CSP below)
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_ORIGINS = [
        media_origin(
            AWS_STORAGE_BUCKET_NAME,
            endpoint_url=env_str("AWS_S3_ENDPOINT_URL"),
            custom_domain=env_str("AWS_S3_CUSTOM_DOMAIN"),
        )
    ]
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# --- Security headers shared by every profile --------------------------------------------------
# Django 6's CSP: scripts and styles only from our own origin, never inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No script needs the CSRF cookie: Wagtail's admin and the translation editor read the token the
# page renders. A script that got into a page cannot read it either.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN themselves

# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "STEM PD Net"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Draftail, answering rich text that is not its JSON with a form error (not a 500).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "home.malformed.StrictDraftailRichTextArea"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "docx", "odt", "pptx", "xlsx", "txt", "zip"]
# No SVG: it can carry script.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Upload limits, refused with Wagtail's own message in the user's language: big enough for print
# photos and booklets, small enough that one upload cannot tie up a web process. An image's pixel
# count is read from its header, so a small file that decodes to a huge bitmap is refused unread.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Form fields other than files (Django's default, stated so it is not raised for an upload).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests carrying staff emails' hashes
WAGTAIL_MODERATION_ENABLED = True
# Machine translation is off unless an operator supplies a DeepL key (no network call otherwise);
# DeepL is given each language's glossary.
DEEPL_AUTH_KEY = env_str("DEEPL_AUTH_KEY")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "translation.glossary.DeepLGlossaryTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }
    if DEEPL_AUTH_KEY
    else None
)
# A new translation starts as a draft: translated text reaches the site only when it is
# published (by staff after review, or by a translator allowed to publish).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# An approved translation of a page not launched yet waits for "Publish with translations".
WAGTAIL_FINISH_WORKFLOW_ACTION = "translation.finishing.finish_workflow"
# Partner translators submit for review unless this is switched on.
TRANSLATORS_CAN_PUBLISH = env_bool("TRANSLATORS_CAN_PUBLISH", False)

# Admin login throttling: 5 failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_ip"  # the site's one client-address rule

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The worker resets its own loggers' levels; TASKS_LOG_LEVEL holds at the handler.
    "filters": {
        "task_log_level": {
            "()": "home.log_filters.TaskLogLevel",
            "level": env_str("TASKS_LOG_LEVEL", "WARNING"),
        }
    },
    # One line per event, redacted; LOG_FORMAT=json makes each line a JSON object.
    "formatters": {
        "line": {
            "()": "stempd.log_format.line_formatter",
            "log_format": env_str("LOG_FORMAT", "text"),
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["task_log_level"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default config gives "django" a console handler of its own, so with the
        # root's every django.* line (the worker's included) was printed twice.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django.tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
    },
}
