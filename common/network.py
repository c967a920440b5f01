"""The client's address, as far as our own proxies vouch for it.

One function, used by the admin's login throttling (django-axes, AXES_CLIENT_IP_CALLABLE)
and the public form's rate limit, so both count the same person the same way.

``settings.TRUSTED_PROXY_COUNT`` (env ``DJANGO_TRUSTED_PROXY_COUNT``) says how many proxies of
ours stand in front of Django, each adding the address it was contacted from to
``X-Forwarded-For``:

- 0 (the default): the address is ``REMOTE_ADDR``; ``X-Forwarded-For`` is never read, since
  anybody can send it.
- n: the n-th entry from the RIGHT of ``X-Forwarded-For``. The right-most n entries were
  written by our proxies; whatever stands to their left came from the client (or from
  proxies we do not run) and is ignored, so a client cannot choose its address by sending
  the header itself. With nginx as the one proxy (docs/DEPLOYMENT.md,
  ``proxy_set_header X-Forwarded-For $remote_addr;`` and n = 1), that is the address nginx
  saw.

A header with fewer than n entries is not what our proxies write (each one adds an entry,
so there are always at least n): the configuration is wrong or the request did not pass
through all of them. None of such a header is believed; the address is ``REMOTE_ADDR``, which
no client can choose. Requests then share the address of the nearest proxy, so the limits get
stricter, never looser.

The chosen entry must be an IP address (``ipaddress``); anything else falls back to
``REMOTE_ADDR`` too. When even that is no address (a Unix socket gives ""), the result is
``UNKNOWN_ADDRESS`` ("0.0.0.0"): such requests share one counter rather than escape counting.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104  # nosec B104 (a value to count under, never a bind address)


def _ip(value: str) -> str | None:
    """`value` as a normalised IP address ("2001:DB8::1" → "2001:db8::1"), else None."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or the TRUSTED_PROXY_COUNT-th entry from the
    right of X-Forwarded-For (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    chosen: str | None = None
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR") or ""
        entries = forwarded.split(",") if forwarded.strip() else []
        if len(entries) >= count:
            chosen = _ip(entries[-count])
    return chosen or _ip(remote) or UNKNOWN_ADDRESS
