from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    """The site layer: settings, root urls, home page, health, error pages and the commands
    that set up a whole site (load_seed). It sits above every app; no app imports it."""

    name = "portal"
    verbose_name = "포털"


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site (portal/admin_site.py): its header
    names the council's portal."""

    default = False  # "portal" alone still means PortalConfig
    default_site = "portal.admin_site.PortalAdminSite"
