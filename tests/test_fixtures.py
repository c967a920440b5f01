"""The suite's own fixtures (tests/conftest.py) do what the other tests rely on: the seed is
loaded once and every test finds it as loaded (a test without `seeded` finds none:
tests/council/test_seed.py), the cache starts empty, and the clock stands at the same Seoul
moment on every run."""

import datetime
import time
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from council.models import Council
from sessions_app import selectors
from sessions_app.models import Session

SEOUL = ZoneInfo("Asia/Seoul")


# The two tests below run in this order (file order, both in the seeded group): the second
# fails if what the first changed in the seed, or put in the cache, outlived it.
def test_a_test_may_change_the_seed_and_the_cache(seeded):
    Session.objects.all().delete()
    Council.objects.filter(pk=seeded.pk).update(name="바뀐 이름")
    cache.set("left-behind", "by the previous test")

    assert not Session.objects.exists()


def test_the_next_test_finds_the_seed_as_loaded_and_the_cache_empty(seeded):
    assert Council.objects.get(pk=seeded.pk).name == "금천구의회"
    assert Session.objects.count() == 13
    assert cache.get("left-behind") is None


def test_every_test_starts_on_the_same_seoul_morning(clock):
    # 08:30 in Seoul, still the day before in UTC.
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    assert moment <= timezone.now() < moment + datetime.timedelta(minutes=1)
    assert selectors.today() == timezone.localdate() == clock.today == datetime.date(2026, 12, 1)


def test_the_clock_travels_and_keeps_ticking(clock):
    clock.travel_to(datetime.date(2023, 6, 30))
    assert selectors.today() == datetime.date(2023, 6, 30)
    clock.travel_to(datetime.datetime(2023, 7, 1, 0, 5, tzinfo=SEOUL))
    assert selectors.today() == datetime.date(2023, 7, 1)
    assert timezone.now().date() == datetime.date(2023, 6, 30)  # UTC

    # Time moves on, so records saved one after another keep their order.
    before = timezone.now()
    time.sleep(0.01)
    assert timezone.now() > before
