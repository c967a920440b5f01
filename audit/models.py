"""The change history of every record of the domain apps.

django-simple-history keeps a full copy of a row after each create, change and delete, with
who made it and when (docs/AUDIT.md says why this library). The historical models are
registered here, under the ``audit`` app, so their tables live in audit's migrations and no
domain app's migrations change. Every model of the tracked apps is registered: a model added
later is tracked too (``makemigrations`` then adds its history table here).

Also here: which auth group is each role's (RoleGroup, kept by audit/roles.py).
"""

import simple_history
from django.apps import apps
from django.conf import settings
from django.db import models

TRACKED_APP_LABELS = tuple(settings.DOMAIN_APPS)

# Models of the tracked apps whose changes are not worth a history: output made from the
# records (settings.DERIVED_MODELS, e.g. a rendered PDF). The data versions live in common,
# which is not tracked.
UNTRACKED_MODELS: frozenset[str] = frozenset(settings.DERIVED_MODELS)

# Plain many-to-many fields whose changes are kept with the record (through-models with
# their own class, like CommitteeMembership, are tracked as records themselves).
HISTORY_M2M_FIELDS = {
    "sessions_app.agendaitem": ["bodies"],
    "legislation.bill": ["agenda_items"],
}


def tracked_models() -> list:
    """The models whose every change is kept, in app order."""
    found = []
    for label in TRACKED_APP_LABELS:
        for model in apps.all_models[label].values():
            if model._meta.auto_created or model._meta.label_lower in UNTRACKED_MODELS:
                continue
            found.append(model)
    return found


def _register_all() -> None:
    for model in tracked_models():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue  # already registered (module imported twice by a test runner)
        options = {}
        m2m = HISTORY_M2M_FIELDS.get(model._meta.label_lower)
        if m2m:
            options["m2m_fields"] = [model._meta.get_field(name) for name in m2m]
        simple_history.register(
            model,
            app="audit",
            verbose_name=f"{model._meta.verbose_name} 변경 이력",
            verbose_name_plural=f"{model._meta.verbose_name_plural} 변경 이력",
            **options,
        )


_register_all()


# ---------------------------------------------------------------- roles and their groups


class RoleGroup(models.Model):
    """Which permission group is a role's (audit/roles.py): the group keeps its identity,
    members and permissions while it is renamed after the council's team of the role."""

    role = models.CharField("역할", max_length=30, unique=True)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="role", verbose_name="권한 그룹"
    )

    class Meta:
        verbose_name = "역할별 권한 그룹"
        verbose_name_plural = "역할별 권한 그룹"
        ordering = ["role"]

    def __str__(self):
        return f"{self.role}: {self.group}"
