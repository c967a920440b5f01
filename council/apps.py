from django.apps import AppConfig


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = "의회"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from common.request_memo import forget

        from .models import Council, SecretariatUnit

        # the_council() is read once per request: a request that saves it reads it again.
        for model in (Council, SecretariatUnit):
            post_save.connect(forget, sender=model, dispatch_uid=f"forget-{model.__name__}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"forget-d-{model.__name__}")
