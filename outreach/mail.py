"""The e-mails of a school-visit application, as messages ready to send (no sending here:
outreach.services.send_visit_mail does that, inside a task).

- ``TEAM``: a new application, to the responsible team (the address of the council's team of
  outreach.selectors.RESPONSIBLE_ROLE, else the bureau's: SecretariatUnit.email), replies
  going to the applicant;
- ``RECEIVED``: the applicant's confirmation;
- ``APPROVED`` / ``REJECTED``: the staff's decision, to the applicant; an approved visit
  carries its day as an .ics file for the applicant's calendar.

Mail to the applicant answers to the team's address when one is recorded. Bodies are the
plain-text templates of templates/outreach/email/; subjects are made here.
"""

from __future__ import annotations

import datetime

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from icalendar import Calendar, Event

from common import figures
from council.selectors import Contact

from .models import VisitApplication
from .selectors import privacy_facts

TEAM = "team"
RECEIVED = "received"
APPROVED = VisitApplication.Status.APPROVED.value
REJECTED = VisitApplication.Status.REJECTED.value
KINDS = (TEAM, RECEIVED, APPROVED, REJECTED)

ICS_CONTENT_TYPE = "text/calendar"


def message_for(application: VisitApplication, kind: str) -> EmailMessage | None:
    """The e-mail of this kind about the application, or None when it has nobody to go to
    (no address recorded for the team, or none given by the applicant). Two queries."""
    if kind not in KINDS:
        raise ValueError(f"unknown visit mail: {kind}")
    facts = privacy_facts(application.council)
    team = facts.contact
    context = {
        "application": application,
        "council": application.council,
        "contact": team,
        "retention": facts.retention,
    }
    body = render_to_string(f"outreach/email/{kind}.txt", context).strip() + "\n"
    if kind == TEAM:
        if not team.email:
            return None
        return EmailMessage(
            subject=_team_subject(application),
            body=body,
            to=[team.email],
            reply_to=[application.email] if application.email else None,
        )
    if not application.email:
        return None
    message = EmailMessage(
        subject=_applicant_subject(application, kind),
        body=body,
        to=[application.email],
        reply_to=[team.email] if team.email else None,
    )
    if kind == APPROVED:
        message.attach(
            f"visit-{application.wished_date:%Y%m%d}.ics",
            visit_calendar(application, team).decode(),
            ICS_CONTENT_TYPE,
        )
    return message


def _team_subject(application: VisitApplication) -> str:
    return (
        f"[{application.get_program_display()} 신청] {application.school} "
        f"{figures.format_day(application.wished_date)} 학생 {application.pupils}명"
    )


_APPLICANT_SUBJECTS = {
    RECEIVED: "신청이 접수되었습니다",
    APPROVED: "신청이 승인되었습니다",
    REJECTED: "신청이 반려되었습니다",
}


def _applicant_subject(application: VisitApplication, kind: str) -> str:
    return (
        f"[{application.council.name}] {application.get_program_display()} "
        f"{_APPLICANT_SUBJECTS[kind]} ({figures.format_day(application.wished_date)})"
    )


def visit_calendar(application: VisitApplication, team: Contact) -> bytes:
    """An approved visit as an iCalendar file (RFC 5545): one all-day event on the wished
    day (DTEND, exclusive, the day after), the council's address as its place. The UID is
    the application's, in the council's calendar domain, so importing the file again updates
    the same event."""
    council = application.council
    calendar = Calendar()
    calendar.add("prodid", "-//의정 포털//지방의회 체험//KO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("summary", f"{council.name} {application.get_program_display()}")
    event.add("dtstart", application.wished_date)
    event.add("dtend", application.wished_date + datetime.timedelta(days=1))
    event.add("dtstamp", application.decided_at)
    event.add("uid", f"visit-application-{application.pk}@{council.calendar_domain}")
    lines = [
        f"{application.school} 학생 {application.pupils}명, 인솔교사 {application.teachers}명",
        "방문 시간 등 세부 일정은 담당자가 안내해 드립니다.",
        f"문의: {team.label}" + (f" {team.phone}" if team.phone else ""),
    ]
    event.add("description", "\n".join(lines))
    if council.address:
        event.add("location", council.address)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
