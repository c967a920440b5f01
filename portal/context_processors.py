"""Context available to every template."""

from django.utils.functional import SimpleLazyObject

from council.models import Council


def site(request):
    """`site_council`: the council, fetched only when a template uses it."""
    return {"site_council": SimpleLazyObject(lambda: Council.objects.order_by("pk").first())}
