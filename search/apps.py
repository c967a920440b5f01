from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "사이트 검색"

    def ready(self):
        from . import signals  # noqa: F401  (minutes saved → its entries reindexed by a task)
