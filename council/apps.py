from django.apps import AppConfig


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = "의회"

    def ready(self):
        from council.versioning import connect_signals

        connect_signals()
