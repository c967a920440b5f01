from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The toolkit every app builds on: figures, charts, caching and data versions, the admin
    base, template tags. It imports no app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "common"
    verbose_name = "공통"

    def ready(self):
        from common.versioning import connect_signals

        connect_signals()
