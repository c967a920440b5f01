"""Login throttling for the admin (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every login that comes with a request.

    Every web login (the admin's login form) passes its request and is throttled. A login
    without a request cannot come from the web: Django's test client ``login()`` and code
    run in a shell. Those are let through to the model backend instead of failing with
    AxesBackendRequestParameterRequired, so tests can log clerks in.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
