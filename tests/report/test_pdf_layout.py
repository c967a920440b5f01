"""The PDF's layout as a reader meets it, read back from the PDF itself: a table that goes
on over a page repeats its header under "<its name> (계속)" and prints its total once, at its
end; no page is left near-empty in the middle of a chapter; Korean words never break inside;
the organisation charts come from the records; the running header names the document and
the chapter; the PDF is tagged (PDF/UA-1) with a bookmark for every heading."""

import html.parser
import io
import re
import subprocess

import pypdf
import pytest

from workplan.report import pdf as report_pdf
from workplan.report.builder import build_report

from .conftest import pdf_pages, squeeze

pytestmark = pytest.mark.slow  # WeasyPrint renders (a few seconds each)

CONTINUED = "(계속)"
PAGE_HEIGHT = 841.89  # A4 in points
CONTENT_TOP, CONTENT_BOTTOM = 22 / 25.4 * 72, PAGE_HEIGHT - 20 / 25.4 * 72  # @page margins


@pytest.fixture
def pdf_2023(plan_2023):
    return report_pdf.render_pdf(build_report(2023))


def layout_lines(content: bytes) -> list[list[str]]:
    """Each page's lines with the layout kept, blanks squeezed."""
    return [[squeeze(line) for line in page.splitlines()] for page in pdf_pages(content, True)]


def continued_label(page_lines: list[str]) -> str | None:
    """The running header's "<table> (계속)" line (the page's second line), if any."""
    lines = [line for line in page_lines if line]
    if len(lines) > 1 and lines[1].endswith(CONTINUED):
        return lines[1]
    return None


# ---------------------------------------------------------------- tables over pages


def test_a_long_table_repeats_its_header_marked_continued_and_totals_once(plan_2023):
    from workplan.models import PlanItem

    project = plan_2023.projects.get(number=3)
    for n in range(40):
        PlanItem.objects.create(
            project=project,
            title=f"추가 물품 {n + 1}호",
            schedule="연중",
            lump_sum=1_000_000,
            order=100 + n,
        )
    report = build_report(2023)
    total = next(p for p in report.projects if p.number == 3).plan_items_total
    pages = layout_lines(report_pdf.render_pdf(report))
    label = f"세부 추진계획 및 소요예산 {CONTINUED}"

    holding = [i for i, lines in enumerate(pages) if any("추가 물품" in x for x in lines)]
    assert len(holding) >= 2, "the test table should run over a page"
    first, *continued = holding
    assert continued_label(pages[first]) is None  # the page it starts on
    for index in continued:
        assert continued_label(pages[index]) == label, pages[index][:3]
        header = [x for x in pages[index] if "세부 추진계획" in x and "추진일정" in x]
        assert header, f"page {index + 1} repeats the header"
    totals = [
        (i, x)
        for i, lines in enumerate(pages)
        for x in lines
        if re.fullmatch(rf"계 {total // 1000:,}", x)
    ]
    assert totals == [(holding[-1], f"계 {total // 1000:,}")]  # once, on its last page
    # the page after the table's last is not marked (the label ends with the table)
    for index in range(holding[-1] + 1, len(pages)):
        assert continued_label(pages[index]) is None


def test_the_seed_budget_table_goes_on_under_its_name_and_no_total_repeats(pdf_2023):
    pages = layout_lines(pdf_2023)
    marked = [i for i, lines in enumerate(pages) if continued_label(lines)]
    assert marked, "the budget table runs over a page"
    for index in marked:
        label = continued_label(pages[index])
        name = label.removesuffix(f" {CONTINUED}")
        # the table began on an earlier page, under its caption
        assert any(name in squeeze(" ".join(pages[i])) for i in range(index)), label
    every_line = [x for lines in pages for x in lines]
    assert sum(x.startswith("총계 4,378") for x in every_line) == 1
    # project 1's 세부 추진계획 total (86,980) once; the 소요예산 heading and the
    # financing table name the same sum elsewhere, as the seed document does
    assert sum(x == "계 86,980" for x in every_line) == 1


# ---------------------------------------------------------------- page fill


def body_bottoms(content: bytes) -> list[float]:
    """Per page, how far down the body text reaches (0 = content top, 1 = content bottom),
    read from pdftotext's word boxes, the running header and footer left out."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    text = result.stdout.decode("utf-8")
    bottoms = []
    for page in re.findall(r"<page .*?</page>", text, flags=re.S):
        ys = [
            float(y)
            for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', page)
            if CONTENT_TOP < float(y) < CONTENT_BOTTOM
        ]
        height = CONTENT_BOTTOM - CONTENT_TOP
        bottoms.append((max(ys) - CONTENT_TOP) / height if ys else 0.0)
    return bottoms


def test_no_page_is_left_near_empty_inside_a_chapter(pdf_2023):
    """A page filled less than a third is only a chapter's (part's or project's) last page,
    and then the page before it is well filled: nothing that could have stayed was moved."""
    bottoms = body_bottoms(pdf_2023)
    pages = [squeeze(p) for p in pdf_pages(pdf_2023)]
    starts = {1, 2}  # the cover and the table of contents
    starts |= {i for i, t in enumerate(pages, 1) if re.search(r"주요사업 목록|^.*?일반현황", t)}
    starts |= {
        i
        for i, t in enumerate(pages, 1)
        if re.search(r"(?:^| )\d+\. .{2,40} (?:계속|신규) 사업 · 담당", t)
    }
    for number, used in enumerate(bottoms, start=1):
        if number in starts or used >= 1 / 3:
            continue
        chapter_end = number == len(bottoms) or number + 1 in starts
        assert chapter_end, f"page {number} is {used:.0%} full in the middle of a chapter"
        assert bottoms[number - 2] >= 0.7, f"page {number - 1} was left {bottoms[number - 2]:.0%}"


# ---------------------------------------------------------------- words


def test_korean_words_and_figures_never_break_inside(pdf_2023):
    lines = [x for page in layout_lines(pdf_2023) for x in page]
    text = " ".join(lines)
    assert "(당초예산)" in text
    assert "2회(상·하반기)" in text
    for broken in ("당초예 ", " 산)", "(상·하반 ", " 기)"):
        assert broken not in text, broken
    # no Hangul syllable stands alone at a line's end or start next to a syllable: a table
    # cell's word split over lines would leave one
    assert "\u2060" not in pdf_pages(pdf_2023)[4]  # the joiners never reach the text


def test_keep_words_joins_korean_letters_outside_tags_and_headings():
    html = (
        '<head><title>주요업무</title></head><h4 class="wp-box">사업 개요</h4>'
        '<td data-x="당초예산">2022년 (당초예산) &amp; 4,378 plan</td>'
    )
    joined = report_pdf.keep_words(html)
    wj = report_pdf.WORD_JOINER
    assert "<title>주요업무</title>" in joined
    assert '<h4 class="wp-box">사업 개요</h4>' in joined
    assert 'data-x="당초예산"' in joined
    assert f"2{wj}0{wj}2{wj}2{wj}년 ({wj}당{wj}초{wj}예{wj}산{wj})" in joined
    assert "&amp; 4,378 plan" in joined


# ---------------------------------------------------------------- organisation charts


def test_the_organisation_charts_are_drawn_from_the_records(plan_2023):
    from council.models import Committee, CommitteeMembership, Member, SecretariatUnit, Term

    committee = Committee.objects.get(council=plan_2023.council, name="행정재경위원회")
    committee.name = "기획행정위원회"
    committee.save()
    SecretariatUnit.objects.filter(council=plan_2023.council, name="의사팀").update(
        name="의사담당팀"
    )
    term = Term.objects.filter(council=plan_2023.council).order_by("-number").first()
    Member.objects.create(term=term, name="홍길순", role=Member.Role.CHAIR)
    member = Member.objects.create(term=term, name="김위원", role=Member.Role.MEMBER)
    CommitteeMembership.objects.create(
        committee=committee, member=member, role=CommitteeMembership.Role.CHAIR
    )

    report = build_report(2023)
    page = squeeze(pdf_pages(report_pdf.render_pdf(report))[2])  # 1. 조직 및 인력

    chart = report_pdf.render_html(report)
    assert 'aria-label="의회조직도"' in chart and "의회사무국 조직도" in chart
    for text in (
        "의장 홍길순",
        "기획행정위원회",
        "위원장 김위원",
        "위원 1명",
        "의사담당팀",
        "윤리특별위원회",
        "의회운영전문위원",
        "3개",
    ):
        assert text in page, text
    assert "행정재경위원회" not in page


# ---------------------------------------------------------------- running header


def test_the_running_header_names_the_document_and_the_chapter(pdf_2023):
    pages = layout_lines(pdf_2023)
    title = "2022. 주요업무 추진실적 및 2023. 주요업무계획"
    assert not pages[0][0].startswith(title)  # not on the cover
    for index, lines in enumerate(pages[1:], start=2):
        first = next(x for x in lines if x)
        assert first.startswith(title), (index, first)
    project_4 = next(i for i, p in enumerate(pages) if "4. 안정적이고 효율적인 회기 운영" in p)
    assert next(x for x in pages[project_4] if x).endswith("4. 안정적이고 효율적인 회기 운영")
    budget = next(  # after the table of contents
        i for i, p in enumerate(pages) if i > 1 and any(x.startswith("2. 예산현황") for x in p)
    )
    assert next(x for x in pages[budget] if x).endswith("2. 예산현황")


# ---------------------------------------------------------------- tagged PDF, bookmarks


class Headings(html.parser.HTMLParser):
    """The text of every h1-h6 of the print HTML, a <br> read as a space."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self.current is not None:
            self.found.append(squeeze("".join(self.current)))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles.extend(outline_titles(entry) if isinstance(entry, list) else [entry.title])
    return titles


def test_every_heading_has_a_bookmark_that_reads_naturally(pdf_2023, plan_2023):
    parser = Headings()
    parser.feed(report_pdf.render_html(build_report(2023)))
    titles = outline_titles(pypdf.PdfReader(io.BytesIO(pdf_2023)).outline)

    assert titles[0] == "2022. 주요업무 추진실적 및 2023. 주요업무계획"
    assert titles == parser.found
    assert all("\u2060" not in t and "  " not in t for t in titles)


def test_the_pdf_is_tagged_in_korean_and_shows_its_title(pdf_2023):
    reader = pypdf.PdfReader(io.BytesIO(pdf_2023))
    catalog = reader.trailer["/Root"]

    assert catalog["/Lang"] == "ko"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "금천구의회 2022. 주요업무 추진실적 및 2023. 주요업무계획"
    tree = catalog["/StructTreeRoot"]["/K"][0].get_object()
    kinds = set()

    def walk(element, depth=0):
        if depth > 12:
            return
        element = element.get_object()
        if isinstance(element, pypdf.generic.DictionaryObject) and "/S" in element:
            kinds.add(element["/S"])
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                if not isinstance(kid, int | pypdf.generic.NumberObject):
                    walk(kid, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/H3", "/H4", "/Table", "/TH", "/TD", "/Caption", "/L"} <= kinds


# ---------------------------------------------------------------- the user-agent stylesheet


def test_the_plan_user_agent_stylesheet_is_weasyprints_without_the_note_rules():
    from weasyprint.html import UA

    stock, ours = UA.splitlines(), report_pdf.user_agent_css(UA).splitlines()
    dropped = [line for line in stock if line not in ours]
    added = [line for line in ours if line not in stock]

    # Five footnote/note rules gone, ::marker kept for <li> only; a WeasyPrint whose
    # stylesheet no longer has these lines fails here (the trim would do nothing).
    assert sorted(line.split(" {")[0] for line in dropped) == [
        "::footnote-call",
        "::footnote-marker",
        "::marker",
        "::note-call",
        "::note-callback",
        "::note-marker",
    ]
    assert added == ["li" + line for line in dropped if line.startswith("::marker")]


def test_the_trimmed_user_agent_stylesheet_changes_nothing_in_the_pdf(pdf_2023, monkeypatch):
    """The same print document made with WeasyPrint's stock stylesheet is the same PDF, byte
    for byte: the same pages, text, bookmarks and tags."""
    import weasyprint

    made = []

    class StockHTML(weasyprint.HTML):  # WeasyPrint's own user-agent stylesheet
        def __init__(self, *args, **kwargs):
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(report_pdf, "_plan_html", lambda: StockHTML)
    # A comment makes the HTML differ from the one already rendered (tests/conftest.py
    # hands back the PDF of identical HTML) without changing the document.
    stock = report_pdf.html_to_pdf(report_pdf.render_html(build_report(2023)) + "<!-- stock -->")

    assert len(made) == 1
    assert stock == pdf_2023
