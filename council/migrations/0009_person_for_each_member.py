"""Each member recorded before people were kept gets a person of their own (one per member:
who served in which terms is for the clerk to join, by choosing the same person)."""

from django.db import migrations


def person_for_each_member(apps, schema_editor):
    Member = apps.get_model("council", "Member")
    Person = apps.get_model("council", "Person")
    for member in Member.objects.filter(person__isnull=True).order_by("pk"):
        member.person = Person.objects.create(name=member.name)
        member.save(update_fields=["person"])


class Migration(migrations.Migration):
    dependencies = [("council", "0008_member_profile_person")]

    operations = [migrations.RunPython(person_for_each_member, migrations.RunPython.noop)]
