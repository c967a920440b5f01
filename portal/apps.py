from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site layer: settings, root urls, home page, health, error pages and the commands
    that set up a whole site (load_seed). It sits above every app; no app imports it."""

    name = "portal"
    verbose_name = "포털"
