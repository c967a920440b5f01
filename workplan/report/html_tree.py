"""The print document as the element tree WeasyPrint lays out, read five times faster.

WeasyPrint reads HTML with tinyhtml5, a pure-Python HTML5 parser: 100 ms of a render for
the 2023 plan (68 KB), a twentieth of it. The print document is ours (templates/workplan/,
every element closed, no optional tag left out), so the standard library's tokenizer
(html.parser) with ElementTree's TreeBuilder gives the same tree in a fifth of the time.

The HTML5 algorithm also mends markup (an end tag left out, a <tr> put straight into a
<table>, a <col> outside a <colgroup>): where a document would need that, parse() raises
NotOurMarkup and the caller lets tinyhtml5 read it instead. tests/report/test_html_tree.py
checks the tree is the one tinyhtml5 builds, for the plan and for what tinyhtml5 mends.
"""

from __future__ import annotations

from html.parser import HTMLParser
from xml.etree.ElementTree import Element, TreeBuilder

# Elements without an end tag (the HTML standard's void elements).
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements the HTML5 algorithm would wrap in one it supplies (tbody, colgroup) when put
# straight into a <table>.
_NOT_IN_TABLE = frozenset({"tr", "col"})


class NotOurMarkup(ValueError):
    """The document needs the HTML5 algorithm's mending: read it with tinyhtml5."""


class _TreeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = TreeBuilder(insert_comments=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_IN_TABLE and self.open and self.open[-1] == "table":
            raise NotOurMarkup(f"<{tag}> straight inside <table>")
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in VOID:
            self.builder.end(tag)
        else:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            raise NotOurMarkup(f"<{tag}/> is not a void element")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open.pop() != tag:
            raise NotOurMarkup(f"</{tag}> does not close the element open")
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        if self.open:
            self.builder.data(data)
        elif data.strip():
            raise NotOurMarkup("text outside <html>")

    def handle_comment(self, data: str) -> None:
        if self.open:  # kept in the tree as tinyhtml5 keeps them (they make no box)
            self.builder.comment(data)

    # The doctype, processing instructions and comments outside <html> are not in its tree.


def parse(html: str) -> Element:
    """The document's <html> element, as tinyhtml5.parse(html, namespace_html_elements=False)
    gives it; NotOurMarkup when the HTML5 algorithm would have to mend the markup."""
    if "\x00" in html:  # HTML5 replaces it (U+FFFD); rare enough to leave to tinyhtml5
        raise NotOurMarkup("a NUL character")
    parser = _TreeParser()
    # HTML5 reads CR LF and a lone CR as LF before anything else (text typed in a browser's
    # textarea keeps CR LF in the database).
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    if parser.open:
        raise NotOurMarkup(f"<{parser.open[-1]}> is never closed")
    try:
        root = parser.builder.close()
    except AssertionError:  # TreeBuilder: no element at all
        raise NotOurMarkup("no element") from None
    if root.tag != "html" or [child.tag for child in root] != ["head", "body"]:
        raise NotOurMarkup("the document is not <html> with <head> and <body>")
    return root
