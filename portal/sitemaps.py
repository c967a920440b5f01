"""/sitemap.xml and /robots.txt: what search engines may index, and where the list is.

The sitemap lists the public pages a citizen can land on from a search: the site's own pages,
every session's page, every sitting's and every body's page, every member's and every bill's
page, every published budget year's page and every published work plan
(page and PDF); drafts are never listed. Feeds,
downloads of data (CSV/JSON), the admin and the forms' confirmation pages are left out.
Absolute addresses use the request's host (checked against ALLOWED_HOSTS), so one deployment
answers under each of its names. Cached like the pages (common/caching.py): a new session or
budget year shows at once.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from budget.models import BudgetAmount, BudgetItem, BudgetYear
from budget.selectors import budget_years
from common.caching import by_host, cached_page
from council.models import Council, Member, Term
from council.selectors import the_council
from legislation.models import Bill
from sessions_app.models import Body, Session, Sitting
from workplan.models import Edition, WorkPlan
from workplan.selectors import work_plan_years

SITEMAP_SCOPES = (
    Council,
    Session,
    Sitting,
    Body,
    Term,
    Member,
    Bill,
    BudgetItem,
    BudgetAmount,
    BudgetYear,
    WorkPlan,
    Edition,
)

# The site's own pages, by URL name, in the order of the main menu. /budget/ and /workplan/
# only redirect to the latest year, whose pages are listed below.
SITE_PAGES = (
    "home",
    "sessions_app:schedule",
    "sessions_app:calendar",
    "sessions_app:minutes",
    "outreach:overview",
    "outreach:visit_apply",
    "legislation:members",
    "legislation:bills",
    "council:overview",
    "guide",
    "privacy",
)


class SitePages(Sitemap):
    def items(self):
        return list(SITE_PAGES)

    def location(self, item):
        return reverse(item)


class SessionPages(Sitemap):
    def items(self):
        council = the_council()
        if council is None:
            return []
        return list(
            Session.objects.of(council).order_by("first_day").values_list("number", flat=True)
        )

    def location(self, item):
        return reverse("sessions_app:session", kwargs={"number": item})


class SittingPages(Sitemap):
    """Each sitting's page (its day, place, agenda, recording and minutes)."""

    def items(self):
        council = the_council()
        if council is None:
            return []
        sittings = Sitting.objects.of(council).order_by("date", "pk")
        return list(sittings.values_list("session__number", "pk"))

    def location(self, item):
        number, pk = item
        return reverse("sessions_app:sitting", kwargs={"number": number, "pk": pk})


class BodyPages(Sitemap):
    """Each body's sittings by year."""

    def items(self):
        council = the_council()
        if council is None:
            return []
        return list(Body.objects.filter(council=council).values_list("slug", flat=True))

    def location(self, item):
        return reverse("sessions_app:body", kwargs={"slug": item})


class MemberPages(Sitemap):
    """Every member's page, of every term."""

    def items(self):
        council = the_council()
        if council is None:
            return []
        members = Member.objects.filter(term__council=council).order_by("term__number", "pk")
        return list(members.values_list("pk", flat=True))

    def location(self, item):
        return reverse("legislation:member", kwargs={"pk": item})


class BillPages(Sitemap):
    def items(self):
        council = the_council()
        if council is None:
            return []
        return list(Bill.objects.of(council).order_by("pk").values_list("pk", flat=True))

    def location(self, item):
        return reverse("legislation:bill", kwargs={"pk": item})


class BudgetPages(Sitemap):
    def items(self):
        council = the_council()
        return budget_years(council, published_only=True) if council is not None else []

    def location(self, item):
        return reverse("budget:year", kwargs={"year": item})


class WorkPlanPages(Sitemap):
    """Each year's plan as a page and as its PDF."""

    def items(self):
        names = ("workplan:html", "workplan:pdf")
        return [(year, name) for year in work_plan_years(published_only=True) for name in names]

    def location(self, item):
        year, name = item
        return reverse(name, kwargs={"year": year})


SITEMAPS = {
    "site": SitePages,
    "sessions": SessionPages,
    "sittings": SittingPages,
    "bodies": BodyPages,
    "members": MemberPages,
    "bills": BillPages,
    "budget": BudgetPages,
    "workplan": WorkPlanPages,
}


@require_safe
@cached_page(*SITEMAP_SCOPES, params=("p",), vary=by_host)  # p: the page of a long sitemap
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request):
    """Everything public may be indexed; the admin and search results may not. Names the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        # Search results are endless combinations of the pages listed in the sitemap.
        f"Disallow: {reverse('search:search')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
