"""The secretariat's screens for the council's organisation: term, members, committees,
the secretariat's units and staff quotas.

Labels come from the models' verbose names, so everything a clerk sees is Korean. Figures that
can be derived (staff totals) are shown read-only and never stored.
"""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Sum

from common.admin import HTTPS_URLS, AuditedModelAdmin
from council.models import (
    Committee,
    CommitteeMembership,
    Council,
    Member,
    Person,
    SecretariatUnit,
    StaffQuota,
    StaffTable,
    Term,
)
from council.services import member_photo_resized, member_save

# ---------------------------------------------------------------- council, term, members


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["name", "district", "kind", "portal_title", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "district"]
    ordering = ["name"]
    formfield_overrides = HTTPS_URLS
    fieldsets = [
        (None, {"fields": ["name", ("district", "kind"), "slogan", "website"]}),
        ("포털에 표시할 이름과 연락처", {"fields": ["portal_name", "address", "phone"]}),
        ("회기 일정 구독", {"fields": ["calendar_uid_domain"]}),
        ("공공데이터", {"fields": ["code"]}),
    ]

    @admin.display(description="포털 이름")
    def portal_title(self, obj):
        return obj.portal_title


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "role", "party", "constituency"]
    show_change_link = True


@admin.register(Term)
class TermAdmin(AuditedModelAdmin):
    list_display = ["__str__", "council", "number", "seats", "starts_on", "ends_on", "member_count"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["council__name", "number"]
    ordering = ["council", "-number"]
    inlines = [MemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description="등록된 의원(명)", ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


class MembershipOfMemberInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    fields = ["committee", "role", "starts_on", "ends_on"]
    verbose_name = "소속 위원회"
    verbose_name_plural = "소속 위원회"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "member")


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "term",
            "name",
            "person",
            "role",
            "party",
            "constituency",
            "constituency_dongs",
            "photo",
            "phone",
            "email",
        ]

    def clean_photo(self):
        """A newly uploaded photo is checked and shrunk before it is stored."""
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return member_photo_resized(photo)
        return photo


@admin.register(Member)
class MemberAdmin(AuditedModelAdmin):
    form = MemberForm
    list_display = ["name", "role", "party", "constituency", "term"]
    list_filter = ["term", "role", "party"]
    list_select_related = ["term__council"]
    search_fields = ["name", "party", "constituency"]
    ordering = ["term", "name"]
    autocomplete_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["term", "name", "person", "role", "party"]}),
        ("선거구", {"fields": ["constituency", "constituency_dongs"]}),
        ("사진·연락처", {"fields": ["photo", "phone", "email"]}),
    ]
    inlines = [MembershipOfMemberInline]

    def save_model(self, request, obj, form, change):
        member_save(member=obj)


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["name", "term_count"]
    search_fields = ["name"]
    ordering = ["name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_term_count=Count("members"))

    @admin.display(description="역임 대수", ordering="_term_count")
    def term_count(self, obj):
        return obj._term_count


class CommitteeMembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    fields = ["member", "role", "starts_on", "ends_on"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "member")


@admin.register(Committee)
class CommitteeAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "order", "member_count", "council"]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["kind", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "short_name"]
    ordering = ["order", "name"]
    inlines = [CommitteeMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description="위원(명)", ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(AuditedModelAdmin):
    list_display = ["member", "committee", "role", "starts_on", "ends_on"]
    list_filter = ["committee", "role"]
    list_select_related = ["member", "committee"]
    search_fields = ["member__name", "committee__name", "committee__short_name"]
    ordering = ["committee__order", "member__name"]
    autocomplete_fields = ["member"]


# ---------------------------------------------------------------- secretariat and staff


@admin.register(SecretariatUnit)
class SecretariatUnitAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "role", "phone", "email", "order", "council"]
    list_editable = ["order"]
    list_filter = ["kind", "role", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "duties"]
    ordering = ["order", "name"]


class StaffQuotaInline(admin.TabularInline):
    model = StaffQuota
    extra = 0
    fields = ["category", "grade", "authorised", "current"]


@admin.register(StaffTable)
class StaffTableAdmin(AuditedModelAdmin):
    list_display = ["__str__", "basis_date", "authorised_total", "current_total", "council"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["council__name", "note"]
    ordering = ["-basis_date"]
    date_hierarchy = "basis_date"
    fields = ["council", "basis_date", "authorised_total", "current_total", "note"]
    readonly_fields = ["authorised_total", "current_total"]
    inlines = [StaffQuotaInline]

    def get_queryset(self, request):
        # One query for the changelist's totals instead of one per row.
        return (
            super()
            .get_queryset(request)
            .annotate(_authorised=Sum("quotas__authorised"), _current=Sum("quotas__current"))
        )

    @admin.display(description="정원 합계(명)", ordering="_authorised")
    def authorised_total(self, obj):
        return getattr(obj, "_authorised", None) or 0

    @admin.display(description="현원 합계(명)", ordering="_current")
    def current_total(self, obj):
        return getattr(obj, "_current", None) or 0


@admin.register(StaffQuota)
class StaffQuotaAdmin(AuditedModelAdmin):
    list_display = ["__str__", "category", "grade", "authorised", "current", "table"]
    list_filter = ["table", "category", "grade"]
    list_select_related = ["table"]
    search_fields = ["table__note"]
    ordering = ["table", "category", "grade"]
