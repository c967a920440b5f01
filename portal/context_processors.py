"""Context available to every template."""

from django.utils.functional import SimpleLazyObject

from portal.errors import current_site


def site(request):
    """`site`: whose portal this is (council/selectors.SiteIdentity: portal and council name,
    bureau, address, phone, the council's words); `site_council`: the council record or None.
    Both are read only when a template uses them (one query), generic without a council."""
    identity = SimpleLazyObject(current_site)
    return {"site": identity, "site_council": SimpleLazyObject(lambda: identity.council)}
