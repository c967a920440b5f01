from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Roles of the secretariat's teams and the change history of every record.

    Sits above the four domain apps (council, sessions_app, budget, outreach): it may import
    all of them, none of them imports it.
    """

    name = "audit"
    verbose_name = "권한·변경 이력"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.signals import connect_signals

        connect_signals()
