"""pytest plugin loaded early (``-p portal.pytest_plugin`` in pyproject.toml).

pytest-django imports the settings before any conftest.py runs, and the settings refuse to
load without a secret key when DEBUG is off. Tests run with the development defaults
(DJANGO_DEBUG=1 at import time, so no secret and no collectstatic manifest are needed);
pytest-django still switches settings.DEBUG off while the tests run, as Django's runner does.
Variables already set in the environment win.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
# Tasks run inside the call that queues them (Django Q2's sync mode), so a test sees their
# outcome at once; tests/test_task_worker.py starts real workers with this off.
os.environ.setdefault("DJANGO_TASKS_SYNC", "1")
