"""`{% url %}` as Django writes it, with each address reversed once per process.

A template builtin (settings.TEMPLATES "builtins"), so every template's `{% url %}` is this
one: same syntax, same result. Django's reverse() matches the pattern, quotes the arguments
and checks the result on every call (about 40 µs); the schedule page alone made 43 of them
per render, most the same addresses every time. An address depends only on the URLconf, the
script prefix, the current app and the arguments, so for arguments that are plain ints and
strings the result is kept (least recently used, bounded), keyed by all of them; anything
else (a model instance, a lazy string) is reversed every time, as Django does.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=4096)
def _reversed(urlconf, prefix: str, view_name: str, args: tuple, kwargs: tuple, app) -> str:
    # urlconf and prefix are part of the key only: reverse() reads them itself.
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=app)


def _clear(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


setting_changed.connect(_clear)


def _plain(value) -> bool:
    """An int (not a bool) or a string (SafeString included): hashable, and its text is
    itself. A lazy string or a model instance is not (its text may change)."""
    return type(value) is int or isinstance(value, str)


class KeptURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        if not all(_plain(a) for a in args) or not all(_plain(v) for _, v in kwargs):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        if not isinstance(view_name, str):
            return super().render(context)
        # The current app as Django's node finds it (a Context without a request has none).
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        prefix = get_script_prefix()
        try:
            url = _reversed(urlconf, prefix, view_name, args, kwargs, current_app)
        except Exception:
            # NoReverseMatch and the rest: Django's own node raises (or, with "as", stores
            # nothing) exactly as it would have.
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's {% url %} (same arguments, same result), reversed once per address."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
