"""Public addresses of budget (see DESIGN.md, "Public addresses")."""

from django.urls import path, register_converter

from . import views


class YearConverter:
    """Four digits only: /budget/abc/ and /budget/99999/ are 404s, never a database error."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


register_converter(YearConverter, "budget_year")

app_name = "budget"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("<budget_year:year>/", views.year_page, name="year"),
    path("<budget_year:year>.csv", views.year_csv, name="year_csv"),
    path("<budget_year:year>.json", views.year_json, name="year_json"),
    path("<budget_year:year>.xlsx", views.year_xlsx, name="year_xlsx"),
]
