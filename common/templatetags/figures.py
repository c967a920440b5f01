"""Template filters that format figures; every computation lives in common.figures.

{% load figures %}
{{ node.current|money:"백만원" }}   {{ node.change|change:"백만원" }}   {{ node.change|rate }}
{{ session.first_day|day }}        {{ session.first_day|day:"short" }}
{% change_cells node "백만원" %}   a comparison row's four cells (this year, last, change, rate)
{% comparison_rows node.children "백만원" %}   plain rows of such cells, each headed by its name
"""

from django import template
from django.utils.html import format_html, format_html_join

from common import figures

register = template.Library()


@register.filter
def money(won, unit="원"):
    return figures.format_money(won, unit)


@register.filter
def change(value, unit="원"):
    """A figures.Change (or a plain delta in won) shown as a change in the given unit."""
    delta = value.delta if isinstance(value, figures.Change) else value
    return figures.format_change(delta, unit)


@register.filter
def count_change(value):
    delta = value.delta if isinstance(value, figures.Change) else value
    return figures.format_count_change(delta)


@register.filter
def rate(value, places=2):
    """A figures.Change shown as its rate ("19.32%", "신규", "-100.00%")."""
    if isinstance(value, figures.Change):
        return value.rate_label(int(places))
    return figures.format_rate(value, int(places))


@register.filter
def number(value):
    if value is None or value == "":
        return "-"
    return f"{value:,}"


@register.filter
def day(value, style="full"):
    """style: "full" 2023. 2. 14.(화) · "short" 2. 14.(화) · "plain" 2023. 2. 14."""
    if style == "short":
        return figures.format_day(value, with_year=False)
    if style == "plain":
        return figures.format_day(value, weekday=False)
    return figures.format_day(value)


@register.simple_tag
def period(first, last, style="full"):
    return figures.format_period(first, last, with_year=(style != "short"))


@register.filter
def weekday(value):
    return figures.weekday_ko(value) if value else ""


@register.simple_tag
def change_cells(row, unit="원"):
    """The four cells of a year-over-year table row: `row.current` and `row.previous` (won)
    in the unit, then `row.change` (a figures.Change) as the change and its rate, both
    marked "decrease" when it fell. The same cells as written out with the money, change and
    rate filters; one tag because a budget page prints some fifty such rows, and each cell
    written out in the template costs several lookups and filters."""
    change_ = row.change
    marked = " decrease" if change_.direction == "down" else ""
    return format_html(
        '<td class="num">{}</td>\n<td class="num">{}</td>\n'
        '<td class="num{}">{}</td>\n<td class="num{}">{}</td>',
        figures.format_money(row.current, unit),
        figures.format_money(row.previous, unit),
        marked,
        figures.format_change(change_.delta, unit),
        marked,
        change_.rate_label(2),
    )


@register.simple_tag
def comparison_rows(rows, unit="원"):
    """A table body's rows, one a row: its `name` as the row header, then change_cells.
    For tables of plain rows (a budget page's 편성목, some thirty of them)."""
    return format_html_join(
        "\n",
        '<tr>\n<th scope="row">{}</th>\n{}\n</tr>',
        ((row.name, change_cells(row, unit)) for row in rows),
    )
