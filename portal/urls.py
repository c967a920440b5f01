"""Root URL configuration.

Public addresses are stable (bookmarks, feeds and print links depend on them); see
docs/ARCHITECTURE.md for the full table.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal.health import healthz
from portal.sitemaps import robots_txt, sitemap
from portal.views import GuideView, HomeView, PrivacyView, favicon, media_file

# The admin's header names the council's portal (portal/admin_site.py); the 500 page names
# the council and its contact, or generic words when the database is what failed.
handler500 = "portal.errors.server_error"
# A malformed request (NUL or broken bytes, portal/middleware.py): the Korean 400 page.
handler400 = "portal.errors.bad_request"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("privacy/", PrivacyView.as_view(), name="privacy"),
    path("guide/", GuideView.as_view(), name="guide"),
    # Browsers ask for /favicon.ico whatever the page links: send them to the icon.
    path("favicon.ico", favicon, name="favicon"),
    # For search engines: what may be indexed (robots.txt) and the list of public pages.
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", admin.site.urls),
    # Each app owns its public addresses.
    path("sessions/", include("sessions_app.urls")),
    path("budget/", include("budget.urls")),
    path("outreach/", include("outreach.urls")),
    path("council/", include("council.urls")),
    path("workplan/", include("workplan.urls")),
    # /bills/, /members/ and their downloads (bills.csv, members.json …).
    path("", include("legislation.urls")),
    path("minutes/", include("minutes.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    # Development only: stored files by their name, served safely (common/files.py).
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media_file, name="media")
    )
