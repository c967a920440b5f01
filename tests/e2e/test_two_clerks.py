"""Two clerks in two browsers open the same PR figure; the first saves. The second one's
save is refused on the page, with the first one's change shown and the second one's figure
still in the field; saving again after reading it goes through."""

from __future__ import annotations

import pytest

from outreach.models import PRFigure

from .conftest import admin_login

pytestmark = pytest.mark.e2e


def test_the_second_clerk_sees_the_first_ones_change_instead_of_undoing_it(
    site, clerk, browser, django_user_model
):
    django_user_model.objects.create_superuser(
        username="park", email="park@example.org", password="park-pass-2023!"
    )
    figure = PRFigure.objects.order_by("pk").first()
    before = figure.count
    url = f"{site}/admin/outreach/prfigure/{figure.pk}/change/"
    contexts = [browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul") for _ in "ab"]
    try:
        first, second = (context.new_page() for context in contexts)
        admin_login(first, site)
        admin_login(second, site, "park", "park-pass-2023!")
        first.goto(url)
        second.goto(url)

        first.get_by_label("건수·부수").fill(str(before + 5))
        first.get_by_role("button", name="저장", exact=True).click()
        first.wait_for_url("**/prfigure/")

        second.get_by_label("건수·부수").fill(str(before + 9))
        second.get_by_role("button", name="저장", exact=True).click()
        second.wait_for_load_state()
        assert "다른 사용자가 먼저 저장했습니다" in second.locator("#content").inner_text()
        conflict = second.get_by_role("region", name="먼저 저장된 다른 변경")
        assert "clerk" in conflict.inner_text()
        assert f"{before} → {before + 5}" in conflict.inner_text()
        assert second.get_by_label("건수·부수").input_value() == str(before + 9)
        figure.refresh_from_db()
        assert figure.count == before + 5

        second.get_by_role("button", name="저장", exact=True).click()
        second.wait_for_url("**/prfigure/")
        figure.refresh_from_db()
        assert figure.count == before + 9
    finally:
        for context in contexts:
            context.close()
