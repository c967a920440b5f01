"""The secretariat's screens for sessions (회기): the ordinance's limits, the bodies that sit,
each session with its agenda items and sittings, and minutes publication.

A session's length (회기일수) and the weekday of its first and last days are computed from
its dates and shown read-only; they are never stored.
"""

from functools import partial

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path

from common import figures
from common.admin import HTTPS_URLS, AuditedModelAdmin
from council.selectors import the_council
from council.words import GENERIC_WORDS
from sessions_app import selectors, services, views
from sessions_app.forms import SessionForm
from sessions_app.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    Session,
    SessionRules,
    Sitting,
    Speech,
    VideoMark,
    Vote,
)
from sessions_app.selectors import session_days


@admin.register(SessionRules)
class SessionRulesAdmin(AuditedModelAdmin):
    list_display = [
        "__str__",
        "max_days_per_year",
        "max_regular_days_per_year",
        "max_extraordinary_days",
        "plenary_minutes_days",
        "committee_minutes_days",
    ]
    list_select_related = ["council"]
    search_fields = ["council__name", "basis"]
    ordering = ["council"]
    fieldsets = [
        (None, {"fields": ["council", "basis"]}),
        (
            "회기일수 한도",
            {
                "fields": [
                    "max_days_per_year",
                    "max_regular_days_per_year",
                    "max_extraordinary_days",
                ]
            },
        ),
        ("정례회 집회일", {"fields": ["first_regular_opening", "second_regular_opening"]}),
        ("회의록 공개 기한", {"fields": ["plenary_minutes_days", "committee_minutes_days"]}),
    ]


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "committee", "place", "slug", "order"]
    list_editable = ["order"]
    list_filter = ["kind", "council"]
    list_select_related = ["committee"]
    search_fields = ["name", "short_name", "slug"]
    ordering = ["order", "name"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title", "bodies"]
    autocomplete_fields = ["bodies"]


class AttendanceInline(admin.TabularInline):
    """One screen per sitting: every member's 출석 / 청가 / 결석 / 출장."""

    model = Attendance
    extra = 0
    fields = ["member", "status"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "sitting")


class SittingInline(admin.TabularInline):
    model = Sitting
    extra = 0
    fields = [
        "body",
        "number",
        "date",
        "starts_at",
        "ends_at",
        "place",
        "minutes_published_on",
        "minutes_url",
    ]
    autocomplete_fields = ["body"]
    formfield_overrides = HTTPS_URLS

    def get_queryset(self, request):
        # Sitting.__str__ (shown on each row) names its session and body.
        return super().get_queryset(request).select_related("session", "body")


@admin.register(Session)
class SessionAdmin(AuditedModelAdmin):
    form = SessionForm
    list_display = [
        "__str__",
        "kind",
        "first_day_display",
        "last_day_display",
        "days",
        "date_status",
        "agenda_count",
        "sitting_count",
    ]
    list_filter = ["kind", "date_status", ("first_day", admin.DateFieldListFilter), "council"]
    list_select_related = ["council"]
    search_fields = ["number", "agenda_items__title"]
    ordering = ["-first_day", "-number"]
    date_hierarchy = "first_day"
    fieldsets = [
        (None, {"fields": ["council", ("number", "kind")]}),
        ("일정", {"fields": [("first_day", "last_day"), "date_status", "days_summary"]}),
    ]
    readonly_fields = ["days_summary"]
    inlines = [AgendaItemInline, SittingInline]

    def save_model(self, request, obj, form, change):
        # SessionForm has already enforced the ordinance (sessions_app/rules.py); a
        # number that skips one is allowed but worth a second look.
        warning = None if change else selectors.session_number_gap_warning(obj)
        super().save_model(request, obj, form, change)
        if warning:
            messages.warning(request, warning)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _agenda_count=Count("agenda_items", distinct=True),
                _sitting_count=Count("sittings", distinct=True),
            )
        )

    @admin.display(description="첫날", ordering="first_day")
    def first_day_display(self, obj):
        return figures.format_day(obj.first_day)

    @admin.display(description="마지막 날", ordering="last_day")
    def last_day_display(self, obj):
        return figures.format_day(obj.last_day)

    @admin.display(description="회기일수")
    def days(self, obj):
        return f"{session_days(obj)}일"

    @admin.display(description="회기일수(계산)")
    def days_summary(self, obj):
        if not (obj.pk and obj.first_day and obj.last_day):
            return "저장하면 첫날과 마지막 날로 계산됩니다."
        return f"{session_days(obj)}일: {figures.format_period(obj.first_day, obj.last_day)}"

    @admin.display(description="주요 안건(건)", ordering="_agenda_count")
    def agenda_count(self, obj):
        return obj._agenda_count

    @admin.display(description="회의(회)", ordering="_sitting_count")
    def sitting_count(self, obj):
        return obj._sitting_count


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedModelAdmin):
    list_display = ["title", "session", "body_names", "order"]
    list_filter = ["session__kind", "bodies", "session"]
    list_select_related = ["session"]
    search_fields = ["title", "session__number"]
    ordering = ["-session__first_day", "order", "pk"]
    autocomplete_fields = ["bodies"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bodies")

    @admin.display(description="처리 회의체")
    def body_names(self, obj):
        return ", ".join(body.short_name for body in obj.bodies.all())


class SittingAgendaMixin:
    """An inline of the sitting's screen whose agenda item is picked from the sitting's own
    session only (the models' clean() check it too)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            sitting_id = request.resolver_match.kwargs.get("object_id")
            items = AgendaItem.objects.none()
            if sitting_id and str(sitting_id).isdigit():
                items = AgendaItem.objects.filter(session__sittings=sitting_id)
            kwargs["queryset"] = items
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VideoMarkInline(SittingAgendaMixin, admin.TabularInline):
    """The recording's places (영상 위치) on the sitting's screen, in order of time."""

    model = VideoMark
    extra = 1
    fields = ["offset_seconds", "label", "agenda_item"]


def _tallied(votes):
    """Votes with their ballots counted per choice (one query for a whole list)."""
    return votes.annotate(
        **{
            f"_{choice}": Count("ballots", filter=Q(ballots__choice=choice))
            for choice in Ballot.Choice.values
        }
    )


def _tally_label(vote) -> str:
    if vote.pk is None:
        return "-"
    counts = [getattr(vote, f"_{choice}", None) for choice in Ballot.Choice.values]
    if None in counts:  # not annotated (a vote just saved): count its ballots
        found = dict(
            vote.ballots.values("choice").annotate(n=Count("pk")).values_list("choice", "n")
        )
        counts = [found.get(choice, 0) for choice in Ballot.Choice.values]
    return " · ".join(f"{label} {n}" for label, n in zip(Ballot.Choice.labels, counts, strict=True))


class VoteInline(SittingAgendaMixin, admin.TabularInline):
    """The sitting's recorded votes (표결); each member's choice is entered on the vote's own
    screen (its 변경 link)."""

    model = Vote
    extra = 0
    fields = ["order", "title", "agenda_item", "note", "tally"]
    readonly_fields = ["tally"]
    show_change_link = True
    verbose_name_plural = "표결 (의원별 찬성·반대·기권은 저장한 뒤 '변경'에서 적습니다)"

    def get_queryset(self, request):
        return _tallied(super().get_queryset(request))

    @admin.display(description="집계")
    def tally(self, obj):
        return _tally_label(obj)


def _speech_kinds():
    """Speech kinds in the council's words (구정질문, 시정질문 …)."""
    council = the_council()
    words = council.words if council else GENERIC_WORDS
    return [
        (value, words.questions if value == Speech.Kind.QUESTION else label)
        for value, label in Speech.Kind.choices
    ]


class SpeechKindsMixin:
    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            kwargs["choices"] = [("", "---------"), *_speech_kinds()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class SpeechInline(SpeechKindsMixin, admin.TabularInline):
    """Members' questions to the executive and five-minute speeches at the sitting."""

    model = Speech
    extra = 0
    fields = ["order", "kind", "member", "title", "offset_seconds"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


@admin.register(Attendance)
class AttendanceAdmin(AuditedModelAdmin):
    """Every attendance row, to look one up; they are entered on the sitting's screen."""

    list_display = ["member", "sitting", "status"]
    list_filter = ["status", "sitting__body"]
    list_select_related = ["member", "sitting__session", "sitting__body"]
    search_fields = ["member__name"]
    ordering = ["-sitting__date", "member__name"]
    autocomplete_fields = ["sitting", "member"]


@admin.register(Sitting)
class SittingAdmin(AuditedModelAdmin):
    list_display = [
        "__str__",
        "date",
        "starts_at",
        "body",
        "number",
        "minutes_published_on",
        "minutes_status",
    ]
    list_filter = ["body", ("minutes_published_on", admin.EmptyFieldListFilter), "session"]
    # The council's rules come with each row (minutes_status), in the changelist's one query.
    list_select_related = ["session__council__session_rules", "body"]
    search_fields = ["session__number", "body__name", "body__short_name"]
    ordering = ["-date", "body__order", "number"]
    date_hierarchy = "date"
    autocomplete_fields = ["session", "body"]
    formfield_overrides = HTTPS_URLS
    fieldsets = [
        (None, {"fields": ["session", ("body", "number")]}),
        (
            "일시·장소",
            {
                "fields": ["date", ("starts_at", "ends_at"), "place"],
                "description": "시작 시각을 적으면 일정 구독(캘린더)에 그 시각의 일정으로, "
                "비워 두면 하루 종일 일정으로 나갑니다. 장소를 비워 두면 회의체의 기본 회의 "
                "장소가 나갑니다.",
            },
        ),
        ("회의록", {"fields": ["minutes_published_on", "minutes_url"]}),
        (
            "영상",
            {
                "fields": ["video_url", "live_url"],
                "description": "생중계 주소는 회의 당일에만 회의 페이지에 보입니다. 녹화 영상의 "
                "안건별 위치는 아래 '영상 위치'에 초 단위로 적습니다.",
            },
        ),
    ]
    inlines = [AttendanceInline, VideoMarkInline, VoteInline, SpeechInline]

    def get_urls(self):
        # 회의록 공개 현황: every sitting held so far against its minutes deadline.
        compliance = self.admin_site.admin_view(
            partial(views.minutes_compliance_admin, model_admin=self)
        )
        return [
            path(
                "minutes-compliance/",
                compliance,
                name="sessions_app_sitting_minutes_compliance",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="회의록 공개")
    def minutes_status(self, obj):
        rules = getattr(obj.session.council, "session_rules", None)
        if rules is None:
            return "-"
        row = selectors.minutes_compliance(obj, rules=rules, on=selectors.today())
        taken = f"{row.days_taken}일" if row.is_published else f"{row.days_elapsed}일 경과"
        return f"{row.status_label} ({taken} / 기한 {row.deadline_days}일)"


@admin.register(VideoMark)
class VideoMarkAdmin(AuditedModelAdmin):
    """Every video mark, to find one across sittings; they are kept on the sitting's screen
    (VideoMarkInline)."""

    list_display = ["sitting", "offset_label", "label", "agenda_item"]
    list_select_related = ["sitting__session", "sitting__body", "agenda_item"]
    search_fields = ["label", "sitting__session__number", "sitting__body__name"]
    autocomplete_fields = ["sitting", "agenda_item"]
    fields = ["sitting", "offset_seconds", "label", "agenda_item"]

    @admin.display(description="영상 위치", ordering="offset_seconds")
    def offset_label(self, obj):
        return obj.offset_label


class BallotInline(admin.TabularInline):
    """Each member's choice in the vote (찬성 / 반대 / 기권), one row per member."""

    model = Ballot
    extra = 0
    fields = ["member", "choice"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


@admin.register(Vote)
class VoteAdmin(AuditedModelAdmin):
    """A recorded vote and its ballots. The tally is counted from the ballots."""

    list_display = ["title", "sitting", "tally"]
    list_select_related = ["sitting__session", "sitting__body"]
    list_filter = ["sitting__body"]
    search_fields = ["title", "sitting__session__number", "agenda_item__title"]
    ordering = ["-sitting__date", "order", "pk"]
    autocomplete_fields = ["sitting", "agenda_item"]
    fieldsets = [
        (None, {"fields": ["sitting", "agenda_item", "title", "note", "order", "tally"]}),
    ]
    readonly_fields = ["tally"]
    inlines = [BallotInline]
    actions = ["fill_present_yes"]

    def get_queryset(self, request):
        return _tallied(super().get_queryset(request))

    @admin.display(description="집계 (찬성 · 반대 · 기권)")
    def tally(self, obj):
        return _tally_label(obj)

    @admin.action(
        description="출석 의원 모두 찬성으로 적기 (이미 적은 의원은 그대로)",
        permissions=["change"],
    )
    def fill_present_yes(self, request, queryset):
        added = 0
        for vote in queryset.select_related("sitting__session"):
            added += services.ballots_fill_present(vote=vote, choice=Ballot.Choice.YES)
        messages.success(
            request,
            f"출석으로 기록된 의원 {added}명의 찬성을 적었습니다. 반대·기권한 의원은 각 "
            "표결에서 고쳐 주세요.",
        )


@admin.register(Speech)
class SpeechAdmin(SpeechKindsMixin, AuditedModelAdmin):
    """Every speech, to find one across sittings; they are entered on the sitting's screen
    (SpeechInline)."""

    list_display = ["title", "kind", "member", "sitting"]
    list_select_related = ["member", "sitting__session", "sitting__body"]
    list_filter = ["kind"]
    search_fields = ["title", "member__name", "sitting__session__number"]
    ordering = ["-sitting__date", "order", "pk"]
    autocomplete_fields = ["sitting", "member"]
    fields = ["sitting", "kind", "member", "title", "offset_seconds", "order"]
