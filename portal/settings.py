"""Django settings for the council portal.

Everything that differs between a laptop, CI and production is read from the environment
(through django-environ). DEBUG is off unless ``DJANGO_DEBUG`` is set to a true value, and
with DEBUG off a ``DJANGO_SECRET_KEY`` is required.

| variable               | default                                   |
|------------------------|-------------------------------------------|
| DJANGO_DEBUG           | off                                       |
| DJANGO_SECRET_KEY      | required unless DEBUG (fixed dev key then)|
| DJANGO_ALLOWED_HOSTS   | localhost,127.0.0.1 with DEBUG, else none |
| DATABASE_URL           | sqlite:///<project>/db.sqlite3            |
| REDIS_URL              | unset: database cache (table django_cache)|
| DJANGO_LOG_FILE        | unset: errors go to stderr only           |
| DJANGO_STATIC_ROOT     | <project>/staticfiles (collectstatic's target) |
| DJANGO_CALENDAR_UID_DOMAIN | council-portal.kr (.ics UIDs, if the council names no domain) |
| DJANGO_SECURE_SSL_REDIRECT | on unless DEBUG (off behind a proxy that redirects itself) |
| DJANGO_SECURE_PROXY_SSL_HEADER | off; on when a TLS-terminating proxy sets X-Forwarded-Proto |
| DJANGO_HSTS_SECONDS    | 31536000 unless DEBUG (0 with DEBUG)      |
| DJANGO_TRUSTED_PROXY_COUNT | 0: client address is REMOTE_ADDR; n: n-th from the right of X-Forwarded-For |
| DJANGO_VISIT_APPLY_RATE | 5/3600: public form submissions per address per seconds |
| DJANGO_MEDIA_ROOT      | <project>/media (rendered PDFs, uploads; shared by every app server) |
| DJANGO_MEDIA_STORAGE   | filesystem (MEDIA_ROOT); s3: an S3-compatible store (extra `s3`) |
| DJANGO_MEDIA_BUCKET    | required with s3: the bucket                |
| DJANGO_MEDIA_ENDPOINT_URL | unset: AWS; else the store's address (https://…) |
| DJANGO_MEDIA_REGION    | unset: the store's default region           |
| DJANGO_MEDIA_PREFIX    | media: the folder inside the bucket         |
| DJANGO_TASK_WORKERS    | 1: task processes per worker (`manage.py qcluster`) |
| DJANGO_TASK_TIMEOUT    | 300: seconds a task may run before its worker is stopped |
| DJANGO_TASK_RETRY      | 360: seconds after which a task no worker finished is run again |
| DJANGO_TASKS_SYNC      | off: on runs every task inside the request (tests)   |
| DJANGO_EMAIL_HOST      | localhost: the SMTP server (DEBUG prints mail to the console instead) |
| DJANGO_EMAIL_PORT      | 25 (587 with STARTTLS, 465 with SSL)      |
| DJANGO_EMAIL_HOST_USER / DJANGO_EMAIL_HOST_PASSWORD | empty: no SMTP login |
| DJANGO_EMAIL_USE_TLS / DJANGO_EMAIL_USE_SSL | off: STARTTLS / implicit TLS (one of them) |
| DJANGO_EMAIL_TIMEOUT   | 30: seconds an SMTP call may take before the task fails |
| DJANGO_DEFAULT_FROM_EMAIL | webmaster@localhost: the sender of the portal's mail |
| DJANGO_EMAIL_BACKEND   | console with DEBUG, else SMTP             |

docs/SECURITY.md explains each production setting and how to check them.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ---------------------------------------------------------------- core
DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY",
        default="django-insecure-dev-only-council-portal-not-for-production",
    )
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development)."
        )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1"] if DEBUG else [],
)

# ---------------------------------------------------------------- apps
# The apps that hold the council's records: each of their models has a data version
# (common/versioning.py) and a history (audit/models.py).
DOMAIN_APPS = [
    # The council's organisation, then the apps that refer to it.
    "council",
    "sessions_app",
    # The text of a sitting's minutes (above sessions_app, which it refers to).
    "minutes",
    "budget",
    "outreach",
    # Bills (의안) and the members' activity pages: above council and sessions_app.
    "legislation",
    # The work plan points at what it shows (every app above), never the reverse.
    "workplan",
]
# The project's own apps, floor by floor (docs/ARCHITECTURE.md).
PROJECT_APPS = [
    # The toolkit (figures, charts, caching and data versions, admin base, template tags).
    "common",
    *DOMAIN_APPS,
    # Roles, and the history tables of every domain model.
    "audit",
    # The site search's index over the apps' records (above the apps it reads).
    "search",
    # The site layer: home page, health, error pages, site-wide commands.
    "portal",
]

INSTALLED_APPS = [
    # django.contrib.admin with the portal's site: its header names the council's portal.
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    # Background tasks (PDF rendering, scheduled purges): docs/ARCHITECTURE.md, "Tasks".
    "django_q",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL or undecodable bytes in the path, query string, form or headers: the Korean 400
    # page before anything reads them; bad cookies dropped (before the session reads them).
    "portal.middleware.BadInputMiddleware",
    # A cached public page's hit is answered here, before the middleware it does not need;
    # the headers that middleware gave the page are stored with it (common/caching.py).
    "common.caching.PageCacheMiddleware",
    # What a request reads twice (the council: its view and its header) read once.
    "common.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # PUT, DELETE, TRACE …: the view's 405 with Allow, not the CSRF check's 403.
    "portal.middleware.UnservedMethodMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy header (with the admin's narrow style exception).
    "audit.middleware.SiteCSPMiddleware",
    # Who made a change, for the history of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a locked-out admin login into the Korean lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
            # {% url %} reversed once per address (common/templatetags/urls.py).
            "builtins": ["common.templatetags.urls"],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---------------------------------------------------------------- database
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails a request in seconds, not at gunicorn's timeout;
    # cached public pages are served meanwhile (common/caching.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
else:
    # A transaction takes SQLite's write lock when it begins, so concurrent writers (threads
    # of runserver, two instances on one file) wait their turn (up to the 5 s timeout) instead
    # of failing with "database is locked" when a read turns into a write: what makes the
    # rate limit's counter atomic there (common.models.RateCounter).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- cache
# Public pages are cached whole, keyed by data versions (common/caching.py).
PAGE_CACHE_ENABLED = env.bool("DJANGO_PAGE_CACHE", default=True)
# Apps whose models have a data version each, bumped by every save and delete of their
# records (common/versioning.py): the records public pages and the work plan show.
DATA_VERSION_APPS = DOMAIN_APPS
# Models of those apps that hold output made from the records, not records: they get no
# data version (rendering a PDF must not make the PDF it was made from look out of date) and
# no history.
DERIVED_MODELS = ["workplan.rendition"]
# What a cached page or the PDF is made from besides the records (common/versioning.py's
# code_fingerprint): the project's code, templates and styles, relative to BASE_DIR.
CODE_FINGERPRINT_FOLDERS = [*PROJECT_APPS, "templates", "static/css"]
# One cache shared by every process (web workers, management commands): Redis when
# REDIS_URL is set, otherwise a database table (create it with `manage.py createcachetable`).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Django's RedisCache with short timeouts and a circuit breaker: with Redis down or hung,
    # pages render uncached instead of failing (common/cache_backends.py).
    CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

# ---------------------------------------------------------------- tasks
# Django Q2 (docs/ARCHITECTURE.md, "Tasks"): tasks wait in a table of the project's own
# database (the ORM broker), so `make run` needs no other server and production adds none;
# `manage.py qcluster` runs a worker, on as many machines as needed. A task a worker took
# but never finished (the worker was killed, the machine restarted) is handed out again
# after DJANGO_TASK_RETRY seconds; one that raised is recorded as failed and not repeated.
TASK_TIMEOUT = env.int("DJANGO_TASK_TIMEOUT", default=300)
Q_CLUSTER = {
    "name": "portal",
    "orm": "default",
    "workers": env.int("DJANGO_TASK_WORKERS", default=1),
    "timeout": TASK_TIMEOUT,
    "retry": env.int("DJANGO_TASK_RETRY", default=TASK_TIMEOUT + 60),
    "max_attempts": 3,
    "ack_failures": True,
    "save_limit": 500,
    # Each worker process is replaced after this many tasks: a PDF's memory never piles up.
    "recycle": 20,
    "poll": 0.5,
    "catch_up": False,
    "sync": env.bool("DJANGO_TASKS_SYNC", default=False),
    "label": "작업 대기열",
}

# ---------------------------------------------------------------- e-mail
# Sent by tasks only (outreach/tasks.py: school-visit applications), never inside a request,
# so a mail server that is down or slow fails a task (recorded in the admin's 작업 대기열),
# never a page. In development (DEBUG) mail is printed to the console of `manage.py
# qcluster`; in production it goes to the SMTP server named here (docs/DEPLOYMENT.md, "E-mail").
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set one of DJANGO_EMAIL_USE_TLS (STARTTLS, port 587) and DJANGO_EMAIL_USE_SSL "
        "(implicit TLS, port 465), not both."
    )
# Well under the task time limit: a hung server fails the task instead of holding a worker.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")

# ---------------------------------------------------------------- calendar feeds
# Domain in the UIDs of calendar events (session-242@<domain>) when the council's record names
# none (Council.calendar_uid_domain). Fixed, never the request's host, so a subscriber's
# events keep their identity whichever address served the feed.
CALENDAR_UID_DOMAIN = env.str("DJANGO_CALENDAR_UID_DOMAIN", default="council-portal.kr")

# ---------------------------------------------------------------- auth
# django-axes watches every login made with a request (the admin's) and locks a
# username + address pair out after repeated failures; the model backend does the rest.
AUTHENTICATION_BACKENDS = [
    "audit.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours: the lock lifts by itself after 30 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "audit.views.login_lockout"  # Korean page (axes_lockout.html)
# The client's address (login throttling and the public form's rate limit), one function for
# both (common/network.py): REMOTE_ADDR, or with DJANGO_TRUSTED_PROXY_COUNT=n proxies of ours
# the n-th entry from the right of X-Forwarded-For; entries to its left, which the client can
# write, are never believed. (django-ipware is not used: axes calls this instead.)
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "common.network.client_address"

# Staff sessions end after 8 hours and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "ko-kr"
LANGUAGES = [("ko", "한국어")]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
# The portal's wording of some of Django's own messages (locale/ko/LC_MESSAGES/django.po):
# where Django's Korean glues a fixed particle (가, 을/를) to a name, ours needs none.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# ---------------------------------------------------------------- static files
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Files the portal makes or receives (rendered PDFs; later photos and documents): through
# Django's storage API, so production can put them on a volume every app server mounts
# (filesystem, the default: MEDIA_ROOT) or on an S3-compatible store (DJANGO_MEDIA_STORAGE=s3,
# django-storages from the optional extra `s3`; docs/DEPLOYMENT.md, "Media files"). Never
# served by URL in production: views check and serve them through common.files.file_response
# (safe content type and file name); with DEBUG, /media/ serves them the same way.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
MEDIA_STORAGE = env.str("DJANGO_MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    MEDIA_BUCKET = env.str("DJANGO_MEDIA_BUCKET", default="")
    if not MEDIA_BUCKET:
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs DJANGO_MEDIA_BUCKET.")
    # Credentials are boto3's own: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the
    # environment, or the machine's role; never in settings.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env.str("DJANGO_MEDIA_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DJANGO_MEDIA_REGION", default="") or None,
            "location": env.str("DJANGO_MEDIA_PREFIX", default="media"),
            # Private objects: the portal serves them (or signs a short-lived address).
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            # A second upload of the same name gets its own name, never replaces the first.
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}."
    )

# In development (and tests) WhiteNoise serves straight from the app and project static
# folders, so no collectstatic is needed; in production it serves STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# ---------------------------------------------------------------- security
# Baseline headers for every response. HTTPS-only settings (SECURE_SSL_REDIRECT,
# SECURE_HSTS_*, SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, SECURE_PROXY_SSL_HEADER)
# belong in the block below, switched on by environment variables when deployed behind TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS: on by default in production (DEBUG off), off in development and tests.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The preload directive only allows submitting the domain to browsers' preload lists
# (as cookiecutter-django does); set DJANGO_HSTS_PRELOAD=0 if HTTPS is not yet certain.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# Korean 403 page for a failed CSRF check (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "audit.views.csrf_failure"

# Content Security Policy: everything from this site only, no inline script or style.
# The admin alone may use inline styles (audit/middleware.py adds that for its paths).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY_HEADER = "camera=(), microphone=(), geolocation=(), payment=()"

# Public school-visit application form: submissions per client address per window.
VISIT_APPLY_RATE = env.str("DJANGO_VISIT_APPLY_RATE", default="5/3600")

# ---------------------------------------------------------------- logging
LOG_FILE = env.str("DJANGO_LOG_FILE", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "verbose": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    # A repeated error (every request during an outage) is logged once per minute, the
    # first time with its traceback and then as one line with a count (common/logs.py).
    "filters": {
        "repeats": {"()": "common.logs.RepeatFilter", "seconds": 60},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "verbose",
            "filters": ["repeats"],
        },
    },
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
if LOG_FILE:
    LOGGING["handlers"]["file"] = {
        "class": "logging.FileHandler",
        "filename": LOG_FILE,
        "encoding": "utf-8",
        "formatter": "verbose",
        "filters": ["repeats"],
    }
    LOGGING["loggers"]["django.request"]["handlers"].append("file")
    LOGGING["loggers"]["django.security"]["handlers"].append("file")
