"""Security headers: the Content-Security-Policy and the Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse

# Django's admin templates (and django-simple-history's) still carry a few style=""
# attributes. Only under the admin are inline styles allowed; scripts never are.
ADMIN_STYLE_EXCEPTION = {"style-src": ["'unsafe-inline'"]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with one narrow, per-path exception for the admin."""

    _admin_prefix = None

    def _is_admin(self, request) -> bool:
        if SiteCSPMiddleware._admin_prefix is None:
            SiteCSPMiddleware._admin_prefix = reverse("admin:index")
        return request.path_info.startswith(SiteCSPMiddleware._admin_prefix)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.update is None and self._is_admin(request):
            parts.update = ADMIN_STYLE_EXCEPTION
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY_HEADER", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
