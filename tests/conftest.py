"""Project-wide pytest fixtures."""

from io import StringIO

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database as usual, then the table the DatabaseCache needs."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


def _uses_db(request) -> bool:
    # request.fixturenames is the whole closure, so `db`, `client` + `admin_user`, etc. count.
    return (
        "_django_db_helper" in request.fixturenames
        or request.node.get_closest_marker("django_db") is not None
    )


@pytest.fixture(autouse=True)
def clear_cache(request):
    """Give every test an empty default cache, and leave it empty afterwards.

    With the DatabaseCache (the default when REDIS_URL is unset) the cache is a table, so it
    can only be touched by tests that have database access; a test without it cannot have
    written to the cache either, so it is skipped there.
    """
    cache = caches["default"]
    db_backed = isinstance(cache, DatabaseCache)
    if db_backed and not _uses_db(request):
        yield
        return
    if db_backed:
        request.getfixturevalue("_django_db_helper")
    cache.clear()
    yield
    cache.clear()


# ---------------------------------------------------------------- the seed document's data


@pytest.fixture
def seeded(db):
    """The seed (fixtures/*.json) loaded into the empty test database, as `make run` does.

    Returns the seeded council (금천구의회).
    """
    from council.models import Council
    from portal.management.commands.load_seed import seed_council_name

    call_command("load_seed", stdout=StringIO())
    return Council.objects.get(name=seed_council_name())
