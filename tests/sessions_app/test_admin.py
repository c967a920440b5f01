"""The proceedings team enters a session through the admin: a wrong date is refused with a
Korean message and nothing typed is lost; the list shows each session's days and weekdays."""

from django.urls import reverse

from sessions_app.models import Session

EMPTY_INLINES = {
    f"{prefix}-{key}": value
    for prefix in ("agenda_items", "sittings")
    for key, value in [
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    ]
}


def test_session_with_last_day_before_first_is_refused_and_keeps_the_input(admin_client, seeded):
    before = Session.objects.count()
    data = {
        "council": str(seeded.pk),
        "number": "399",
        "kind": Session.Kind.EXTRAORDINARY,
        "first_day": "2023-09-12",
        "last_day": "2023-09-05",
        "date_status": Session.DateStatus.PLANNED,
        **EMPTY_INLINES,
    }

    response = admin_client.post(reverse("admin:sessions_app_session_add"), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "마지막 날은 첫날과 같거나 뒤여야 합니다." in page
    assert 'value="2023-09-12"' in page
    assert 'value="2023-09-05"' in page
    assert 'value="399"' in page
    assert '<option value="extraordinary" selected>' in page
    assert '<option value="planned" selected>' in page
    assert Session.objects.count() == before


def test_a_valid_session_is_saved_from_the_add_form(admin_client, seeded):
    data = {
        "council": str(seeded.pk),
        "number": "399",
        "kind": Session.Kind.EXTRAORDINARY,
        "first_day": "2023-09-05",
        "last_day": "2023-09-12",
        "date_status": "",
        **EMPTY_INLINES,
    }

    response = admin_client.post(reverse("admin:sessions_app_session_add"), data)

    assert response.status_code == 302
    session = Session.objects.get(council=seeded, number=399)
    assert (session.last_day - session.first_day).days + 1 == 8


def test_session_list_shows_days_and_weekdays(admin_client, seeded):
    session = Session.objects.get(council=seeded, first_day="2023-02-14")

    response = admin_client.get(reverse("admin:sessions_app_session_changelist"), {"q": ""})

    page = response.content.decode()
    days = (session.last_day - session.first_day).days + 1
    assert f'class="field-days">{days}일<' in page
    assert "2023. 2. 14.(화)" in page

    change = admin_client.get(reverse("admin:sessions_app_session_change", args=[session.pk]))
    assert f"{days}일: 2023. 2. 14.(화) ~" in change.content.decode()
