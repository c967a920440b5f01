"""Bad input is refused at the door: a request whose address, query string, form fields or
headers carry a NUL character or bytes that are not text in the request's encoding is
answered 400 (the Korean page of portal.errors.bad_request) before any view, form or query
sees it.

Why here, once: PostgreSQL refuses NUL in any string parameter (psycopg raises ValueError,
a 500), and Django decodes broken bytes into U+FFFD instead of refusing them, so every
query-string key, admin filter, search box and form field of every page would otherwise need
its own guard. What is checked is the raw request:

- the path: Django re-percent-encodes broken UTF-8 in it (b"\xff" becomes "%FF"), so its
  percent escapes are decoded and checked; no address of the site has a literal "%" in it.
- QUERY_STRING: WSGI hands it over as latin-1 decoded text, so encoding it back gives the
  bytes the client sent (Django decodes them with errors="replace"); it is percent-decoded
  and checked in the request's encoding.
- form posts: an urlencoded body is percent-decoded and checked like a query string; a
  multipart body's part headers (field and file names) and field values are checked (file
  contents are not text and are left alone).
- headers: a NUL in any header value (a User-Agent that django-axes would store, say).
- cookies are not refused but dropped: a cookie holding NUL or broken text is treated as
  absent (a session cookie with a NUL would otherwise be a database lookup with a NUL), so a
  stray bad cookie never locks anyone out and valid CSRF and session cookies pass untouched.
"""

from __future__ import annotations

from io import BytesIO
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParser, MultiPartParserError

# What the 400 page's log line says; the page itself is the same for every case.
REFUSED = "NUL or undecodable bytes in the request"


def is_bad_text(raw: bytes, encoding: str = "utf-8") -> bool:
    """True when `raw` holds a NUL byte or is not valid text in `encoding`."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return True
    return False


def _query_bytes(request, value: str) -> bytes:
    """The bytes the query string was made of: latin-1 under WSGI; ASGI gives decoded text."""
    if isinstance(request, WSGIRequest):
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:  # not from a WSGI server: already text
            pass
    return value.encode("utf-8", "surrogatepass")  # lone surrogates then fail to decode


def _form_bytes(raw: bytes) -> bytes:
    """An urlencoded string (query string or form body) percent-decoded, as bytes."""
    return unquote_to_bytes(raw.replace(b"+", b" "))


class _NoFiles(FileUploadHandler):
    """An upload handler for the check only: keeps no file content (it is not text)."""

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def _bad_multipart(request, encoding: str) -> bool:
    """A multipart body: each part's headers (field and file names; Django would silently
    drop a part whose headers are no UTF-8) and each field's value, read as latin-1 (one
    character per byte the client sent) and checked as `encoding`. Bodies above
    DATA_UPLOAD_MAX_MEMORY_SIZE (file uploads) are not buffered for it: their fields are
    checked as Django decoded them (a NUL, or U+FFFD where bytes were broken)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        fields = [v for key, values in request.POST.lists() for v in (key, *values)]
        fields += [f.name or "" for f in request.FILES.values()]
        return any("\x00" in v or "\ufffd" in v for v in fields)
    body = request.body
    boundary = request.content_params.get("boundary", "").encode("latin-1", "replace")
    if boundary:
        for part in body.split(b"--" + boundary)[1:]:
            if is_bad_text(part.split(b"\r\n\r\n", 1)[0]):
                return True
    try:
        post, _ = MultiPartParser(request.META, BytesIO(body), [_NoFiles()], "latin-1").parse()
    except MultiPartParserError:
        return True  # Django would refuse it too (400), with its own message
    texts = [v for key, values in post.lists() for v in (key, *values)]
    return any(is_bad_text(t.encode("latin-1", "replace"), encoding) for t in texts)


def bad_request_input(request) -> bool:
    """True when the request's path, query string, form body or headers carry a NUL or bytes
    that are not text (see the module docstring)."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    meta = request.META
    # Django has re-percent-encoded the path's broken bytes (b"\xff" is "%FF"): decoding the
    # escapes finds them, and a NUL, also when sent as a literal "%00" ("%2500").
    if is_bad_text(unquote_to_bytes(request.path_info.encode("utf-8", "surrogatepass"))):
        return True
    query = _query_bytes(request, meta.get("QUERY_STRING", ""))
    if is_bad_text(_form_bytes(query), encoding):
        return True
    if any("\x00" in v for k, v in meta.items() if k.startswith("HTTP_") and isinstance(v, str)):
        return True
    if request.method == "POST":
        content_type = request.content_type
        if content_type == "application/x-www-form-urlencoded":
            return is_bad_text(_form_bytes(request.body), encoding)
        if content_type == "multipart/form-data":
            return _bad_multipart(request, encoding)
    return False


def _drop_bad_cookies(request) -> None:
    cookies = request.COOKIES
    kept = {
        name: value
        for name, value in cookies.items()
        if not any("\x00" in s or "\ufffd" in s for s in (name, value))
    }
    if len(kept) != len(cookies):
        request.COOKIES = kept


class BadInputMiddleware:
    """A NUL or undecodable bytes anywhere in the request: the Korean 400 page (raised as
    BadRequest, so handler400 renders it). Sits before the session middleware, which reads
    the cookies it cleans."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _drop_bad_cookies(request)  # first: the 400 page's CSRF token reads them too
        if bad_request_input(request):
            return _with_page_headers(request, _bad_request_page(request))
        return self.get_response(request)


def _bad_request_page(request):
    """handler400's Korean page (as Django would render it for a raised BadRequest)."""
    from portal.errors import bad_request

    return bad_request(request, BadRequest(REFUSED))


def _with_page_headers(request, response):
    """The headers every page gets from the middlewares below this one (Content-Security-
    Policy, Permissions-Policy, X-Frame-Options), which a response made here would miss."""
    from django.middleware.clickjacking import XFrameOptionsMiddleware

    from audit.middleware import SiteCSPMiddleware

    return XFrameOptionsMiddleware(SiteCSPMiddleware(lambda _: response))(request)


# Methods some page of the portal serves; the admin serves no other either.
SERVED_METHODS = frozenset({"GET", "HEAD", "POST"})


class UnservedMethodMiddleware:
    """A method no page serves (PUT, DELETE, TRACE, OPTIONS …) gets the view's own 405 with
    its Allow header, before the CSRF check would turn it into a 403 without saying what is
    allowed. Public views refuse such methods themselves (require_safe and friends): the view
    is called only to answer that; the admin's pages answer 405 here (GET, HEAD, POST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SERVED_METHODS:
            return None
        if request.path.startswith("/admin/"):
            return HttpResponseNotAllowed(sorted(SERVED_METHODS))
        response = view_func(request, *view_args, **view_kwargs)
        if response.status_code != 405:  # a view that did not refuse: refuse for it
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return response
