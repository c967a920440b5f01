"""The print document is read by html_tree.parse(), not WeasyPrint's tinyhtml5: the same
element tree, or tinyhtml5 itself where the markup needs HTML5's mending."""

from __future__ import annotations

import io

import pytest
import tinyhtml5
from pypdf import PdfReader

from workplan.report import html_tree
from workplan.report import pdf as report_pdf
from workplan.report.builder import build_report


def shape(element) -> list[tuple]:
    """Every element in document order: tag, attributes, text and tail."""
    return [
        (node.tag, sorted(node.attrib.items()), node.text or "", node.tail or "")
        for node in element.iter()
    ]


def tinyhtml5_tree(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def test_the_plans_print_document_is_the_tree_tinyhtml5_builds(plan_2023):
    html = report_pdf.render_html(build_report(2023), for_print=True)
    prepared = report_pdf.drop_block_whitespace(report_pdf.keep_words(html))

    ours = shape(html_tree.parse(prepared))

    assert ours == shape(tinyhtml5_tree(prepared))
    assert len(ours) > 1500  # the whole plan: tables, lists, headings
    assert {"table", "tbody", "colgroup", "col", "li", "h2", "meta"} <= {tag for tag, *_ in ours}


def test_entities_empty_attributes_and_comments_read_as_tinyhtml5_reads_them():
    html = (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>계획 &amp; 실적'
        "</title></head><body><!-- a note --><p hidden>1,000&nbsp;원 &#8361;5 &lt;예산&gt;"
        '<br><span class="num">3&#x2060;0</span></p><pre>줄 하나\r\n줄 둘\r줄 셋</pre>'
        "</body></html>"
    )

    assert shape(html_tree.parse(html)) == shape(tinyhtml5_tree(html))


@pytest.mark.parametrize(
    "markup",
    [
        "<table><tr><td>1</td></tr></table>",  # HTML5 supplies the <tbody>
        "<table><col><tbody><tr><td>1</td></tr></tbody></table>",  # and the <colgroup>
        "<p>한 문단<p>또 한 문단",  # end tags left out
        "<div><span>1</div></span>",  # tags crossed
        "<div/>",  # a self-closed element that is not void
    ],
)
def test_markup_html5_would_mend_is_left_to_tinyhtml5(markup):
    html = f"<html><head><title>t</title></head><body>{markup}</body></html>"

    with pytest.raises(html_tree.NotOurMarkup):
        html_tree.parse(html)


def test_a_document_without_head_and_body_is_left_to_tinyhtml5():
    with pytest.raises(html_tree.NotOurMarkup):
        html_tree.parse("<p>본문만</p>")


def test_a_nul_character_is_left_to_tinyhtml5():
    with pytest.raises(html_tree.NotOurMarkup):
        html_tree.parse("<html><head></head><body>a\x00b</body></html>")


@pytest.mark.slow  # a WeasyPrint render
def test_markup_that_needs_mending_still_makes_its_pdf():
    html = (
        '<html lang="ko"><head><title>시험</title></head><body>'
        "<table><tr><td>회기 일수</td><td>80일</td></tr></table><p>끝맺음</body></html>"
    )

    pdf = report_pdf.html_to_pdf(html)

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "80일" in text and "끝맺음" in text
