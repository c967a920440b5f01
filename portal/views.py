"""Site-wide pages owned by the project package."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from budget import selectors as budget_selectors
from budget.models import BudgetAmount, BudgetItem, BudgetYear
from common.caching import by_host, cached_page
from common.files import file_response
from council.models import Council, StaffQuota, StaffTable
from council.selectors import PAGE_INFO_SCOPES, page_info, staff_table, the_council
from outreach import selectors as outreach_selectors
from outreach.models import PRChannel, PressCoverage, PRFigure, PRYear, VisitProgramSettings
from sessions_app import selectors as session_selectors
from sessions_app.models import AgendaItem, Body, Session

# The models the home page reads (their data versions key its cache): the featured session
# and its agenda, the latest published budget, the PR table's press figures, the staff table.
SCOPES = (
    Council,
    Session,
    AgendaItem,
    Body,
    BudgetItem,
    BudgetAmount,
    BudgetYear,
    PRYear,
    PRChannel,
    PRFigure,
    PressCoverage,
    StaffTable,
    StaffQuota,
    *PAGE_INFO_SCOPES,
)


def _today(request) -> str:
    return session_selectors.today().isoformat()


@method_decorator(cached_page(*SCOPES, vary=_today), name="dispatch")
class HomeView(TemplateView):
    """The home page: the session in progress or the next one (else the latest), the latest
    figures (budget, press coverage, staff) and links to every part of the portal. Like the
    root urls it sits above the apps. Cached per day, as the session's status changes."""

    template_name = "home.html"
    # GET and HEAD only: any other method (OPTIONS, TRACE, PUT ...) is a 405 with Allow.
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = the_council()
        if council is None:  # an empty database (before `make setup`): the links still work
            return context
        context["featured"] = session_selectors.featured_session(
            council, on=session_selectors.today()
        )
        # Published years only, for staff too: the home page announces, it never previews.
        years = budget_selectors.budget_years(council, published_only=True)
        context["budget"] = (
            budget_selectors.budget_comparison(council, years[-1], published_only=True)
            if years
            else None
        )
        # The latest full year against the one before (the latest may be counted in part).
        press_years = outreach_selectors.pr_table(council, span=3)
        context["press"] = outreach_selectors.press_summary(press_years)
        context["staff"] = staff_table(council)
        # The home page is the secretariat's as a whole: its foot names the bureau.
        context["page_info"] = page_info(council, None, *SCOPES)
        return context


# ---------------------------------------------------------------- privacy policy, site guide


class _CouncilPage(TemplateView):
    """A page about the council as a whole: its `scopes` give its foot's "최종 수정" and
    `council_context()` what it shows; an empty database shows the page without them."""

    http_method_names = ["get", "head"]
    scopes: tuple = ()

    def council_context(self, council: Council) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = the_council()
        if council is None:
            return context
        context.update(self.council_context(council))
        context["page_info"] = page_info(council, None, *self.scopes)
        return context


# What the privacy policy reads: the council and its teams (whom to ask), the visit form's
# rules (what it keeps, and for how long).
POLICY_SCOPES = (Council, VisitProgramSettings, *PAGE_INFO_SCOPES)


@method_decorator(cached_page(*POLICY_SCOPES), name="dispatch")
class PrivacyView(_CouncilPage):
    """개인정보처리방침: what the portal collects from citizens (only the school-visit form),
    why, for how long (the council's retention setting), who answers for it."""

    template_name = "privacy.html"
    scopes = POLICY_SCOPES

    def council_context(self, council: Council) -> dict:
        return {"policy": outreach_selectors.privacy_facts(council)}


# The guide names the team that reads visit applications, not the form's rules.
GUIDE_SCOPES = (Council, *PAGE_INFO_SCOPES)


@method_decorator(cached_page(*GUIDE_SCOPES, vary=by_host), name="dispatch")
class GuideView(_CouncilPage):
    """이용안내: what is where, how to subscribe to the calendar, how to reuse the data."""

    template_name = "guide.html"
    scopes = GUIDE_SCOPES

    def council_context(self, council: Council) -> dict:
        return {"visit_contact": outreach_selectors.responsible_contact(council)}


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: send them to the site's icon."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def media_file(request, name: str):
    """With DEBUG only (portal/urls.py): a stored file (an upload, a rendered PDF) from the
    default storage, served as every file is (common.files: safe type and name), so `make
    run` shows uploaded photos and documents. Production serves files through the views of
    the records they belong to, never by their storage path (and this view answers 404 with
    DEBUG off, should the route ever be loaded)."""
    if not settings.DEBUG:
        raise Http404("파일을 찾을 수 없습니다.")
    return file_response(default_storage, name)
