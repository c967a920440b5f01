"""Keep each role's permission group named after the council's team of that role: when a
team is renamed, given a role or removed, its group follows (audit/roles.py)."""

from django.db.models.signals import post_delete, post_save

from council.models import SecretariatUnit


def _rename_groups(sender, **kwargs):
    from audit.roles import rename_role_groups

    rename_role_groups()


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_rename_groups, sender=SecretariatUnit, dispatch_uid=f"audit-roles-{signal}")
