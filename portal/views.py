"""Site-wide pages owned by the project package."""

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from budget import selectors as budget_selectors
from common.caching import cached_page
from council.selectors import page_info, staff_table, the_council
from outreach import selectors as outreach_selectors
from sessions_app import selectors as session_selectors


def _today(request) -> str:
    return session_selectors.today().isoformat()


@method_decorator(
    cached_page("sessions_app", "council", "budget", "outreach", vary=_today), name="dispatch"
)
class HomeView(TemplateView):
    """The home page: the session in progress or the next one (else the latest), the latest
    figures (budget, press coverage, staff) and links to every part of the portal. Like the
    root urls it sits above the apps. Cached per day, as the session's status changes."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = the_council()
        if council is None:  # an empty database (before `make setup`): the links still work
            return context
        context["featured"] = session_selectors.featured_session(
            council, on=session_selectors.today()
        )
        years = budget_selectors.budget_years(council)
        context["budget"] = (
            budget_selectors.budget_comparison(council, years[-1]) if years else None
        )
        context["press"] = outreach_selectors.press_summary(outreach_selectors.pr_table(council))
        context["staff"] = staff_table(council)
        context["page_info"] = page_info(
            council, "의회사무국", "sessions_app", "council", "budget", "outreach"
        )
        return context
