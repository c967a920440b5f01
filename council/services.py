"""Writes of the council's members: keyword-only, in a transaction, checked with full_clean()."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from common.uploads import resized_image
from council.models import Member, Person


def member_photo_resized(upload: UploadedFile) -> UploadedFile:
    """The uploaded photo (checked: JPEG/PNG/WebP, ≤ 5 MB) shrunk to 600 px on its longer
    side, as an upload a model's ImageField saves through the storage."""
    resized = resized_image(upload)
    resized.content.name = f"photo.{resized.extension}"
    return resized.content  # type: ignore[return-value]


@transaction.atomic
def member_save(*, member: Member, photo: UploadedFile | None = None) -> Member:
    """Save a member (new or changed): a member with no person gets one of their own name,
    a new photo is resized first."""
    if photo is not None:
        member.photo = member_photo_resized(photo)
    if member.person_id is None:
        member.person = Person.objects.create(name=member.name)
    member.full_clean()
    member.save()
    return member
