"""The suite's own fixtures (tests/conftest.py) do what the other tests rely on: the seed is
loaded once and every test finds it as loaded (a test without `seeded` finds none:
tests/council/test_seed.py), and the cache starts empty."""

from django.core.cache import cache

from council.models import Council
from sessions_app.models import Session


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
