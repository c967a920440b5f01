"""Outreach: PR figures, citizen monitors, school visits, community activities, seminars
and training. One module per subject; every model is importable from here."""

from .activities import CommunityActivity, RoomRentalYear, StudyEvent
from .monitors import Monitor, MonitorActivity, MonitorCohort, years_between
from .pr import ChannelMetric, PRChannel, PressCoverage, PRFigure, PRTarget, PRYear
from .visits import (
    SchoolVisit,
    VisitApplication,
    VisitProgramSettings,
    normalize_korean_phone,
    validate_korean_phone,
)

__all__ = [
    "StudyEvent",
    "CommunityActivity",
    "RoomRentalYear",
    "PRYear",
    "PRChannel",
    "PRFigure",
    "PressCoverage",
    "ChannelMetric",
    "PRTarget",
    "MonitorCohort",
    "years_between",
    "Monitor",
    "MonitorActivity",
    "SchoolVisit",
    "normalize_korean_phone",
    "validate_korean_phone",
    "VisitProgramSettings",
    "VisitApplication",
]
