"""Read an admin form as a browser would send it: every input, select and textarea with the
value the page shows, so a test can change one field and post the rest unchanged."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(name, a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._first_option = name, None
            self._multiple = "multiple" in a
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._add(self._select, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            # A single select with nothing marked sends its first option.
            if (
                not self.data[self._select]
                and not self._multiple
                and self._first_option is not None
            ):
                self._add(self._select, self._first_option)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that follows <textarea>.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def form_values(html: str, form_id: str) -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data
