"""A save or delete of a record that a provider watches (documents.py) queues the reindexing
of its documents as a task, in the same transaction (the queue is a table of the database)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django_q.tasks import async_task

from .documents import REGISTRY


def _connect() -> None:
    for registration in REGISTRY.values():
        for model, ids_of in registration.watches.items():

            def queue(sender, instance, raw=False, kind=registration.kind, ids_of=ids_of, **kwargs):
                if raw:  # loaddata: search_reindex runs after it
                    return
                async_task(
                    "search.tasks.index_documents",
                    kind,
                    ids_of(instance),
                    task_name=f"검색 색인 {kind} {instance.pk}",
                )

            post_save.connect(
                queue, sender=model, weak=False, dispatch_uid=f"search-{registration.kind}-save"
            )
            post_delete.connect(
                queue, sender=model, weak=False, dispatch_uid=f"search-{registration.kind}-delete"
            )


_connect()
