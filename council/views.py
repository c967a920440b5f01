"""Site-wide pages owned by the project package."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    """Placeholder home page; a later issue shows the current session and latest figures."""

    template_name = "home.html"
