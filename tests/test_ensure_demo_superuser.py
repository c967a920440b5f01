"""ensure_demo_superuser: admin/admin on development machines only."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


def run_command():
    out = StringIO()
    call_command("ensure_demo_superuser", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_creates_admin_when_debug_and_no_superuser(settings):
    settings.DEBUG = True

    output = run_command()

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert user.check_password("admin")
    assert "http://127.0.0.1:8000/admin/" in output
    assert "데모 관리자 계정을 만들었습니다" in output


@pytest.mark.django_db
def test_leaves_existing_superuser_alone(settings, django_user_model):
    settings.DEBUG = True
    django_user_model.objects.create_superuser("chief", "chief@example.invalid", "s3cret-pass")

    output = run_command()

    assert not django_user_model.objects.filter(username="admin").exists()
    assert "chief" in output


@pytest.mark.django_db
def test_does_nothing_when_debug_off(settings, django_user_model):
    settings.DEBUG = False

    output = run_command()

    assert not django_user_model.objects.exists()
    assert "DEBUG is off" in output
