"""/search/?q=: the site search. Not cached (every query is another page); robots.txt asks
crawlers to leave it alone."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SearchForm


@require_safe
def search_page(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "search/search.html", {"form": form, "error": True}, status=400)
    query = selectors.parse(form.cleaned_data["q"])
    filters = form.filters()
    context: dict = {"form": form, "query": query, "filters": filters}
    if query.words:
        found = selectors.results(query, filters, page=form.cleaned_data.get("page") or 1)
        base = {"q": query.text} | {
            param: request.GET[param]
            for _, _, param in selectors.FACETS
            if form.cleaned_data.get(param)
        }
        context.update(
            page=found.page,
            results=[(entry, selectors.snippet(entry.body, query)) for entry in found.page],
            facets=[
                (facet, [(value, _link(base, facet.param, value)) for value in facet.values])
                for facet in found.facets
            ],
            total=found.total,
            capped=found.capped,
            cap=selectors.CAP,
            clear_link="?" + urlencode({"q": query.text}),
            page_link="?" + urlencode(base) + "&page=",
        )
    return render(request, "search/search.html", context)


def _link(base: dict, param: str, value) -> str:
    """The page's address with this facet value selected (or unselected when it was)."""
    params = dict(base)
    if value.selected:
        params.pop(param, None)
    else:
        params[param] = value.value
    return "?" + urlencode(params)
