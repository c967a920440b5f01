"""Values read once per request: a page's view and its header both need the council's
record, and reading it twice cost a query and its building by the ORM on every page.

`RequestMemoMiddleware` (settings.MIDDLEWARE) opens a memo for the request it serves;
`memoized(key, read)` returns the value read by `read()` the first time in that request,
and simply calls `read()` outside a request (commands, tasks, tests calling selectors). A
write that changes what was read calls `forget()` (e.g. from post_save), so a request that
saves the record reads it again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def memoized(key: str, read: Callable[[], T]) -> T:
    """read()'s value, read once per request under `key`; read() itself outside a request."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def known(key: str) -> bool:
    """Whether this request has read `key` already (False outside a request)."""
    memo = _memo.get()
    return memo is not None and key in memo


def remember(key: str, value) -> None:
    """Keep a value read another way as what `key` reads, for the rest of the request."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def forget(*args, **kwargs) -> None:
    """Drop what this request has read (a signal receiver: any arguments)."""
    memo = _memo.get()
    if memo:
        memo.clear()


class RequestMemoMiddleware:
    """A memo for each request, dropped when the response is made (a streamed response's
    body, made later, reads without it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
