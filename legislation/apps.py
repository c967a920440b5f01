from django.apps import AppConfig


class LegislationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "legislation"
    verbose_name = "의안"
