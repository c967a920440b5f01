"""The public school-visit application form (지방의회 체험 신청)."""

from __future__ import annotations

import datetime
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms

from common import figures
from council.selectors import DEFAULT_BUREAU
from outreach.models import VisitApplication, VisitProgramSettings, normalize_korean_phone

HONEYPOT_FIELD = "homepage"

# Characters that show nothing yet are letters to Unicode: the Hangul fillers.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def visible_text(value: str) -> str:
    """`value` without invisible characters (format characters, category Cf: zero-width
    space U+200B, zero-width (non-)joiners U+200C-U+200D, word joiner U+2060, BOM U+FEFF,
    soft hyphen, direction marks …; and the Hangul fillers), runs of spaces made one."""
    kept = "".join(
        ch for ch in value if unicodedata.category(ch) != "Cf" and ch not in _INVISIBLE_LETTERS
    )
    return " ".join(kept.split())


def clean_name(value: str, what: str, example: str) -> str:
    """A person's or an organisation's name, stored without invisible characters; it must
    keep at least one letter (Hangul, Latin …), not only digits, marks or nothing."""
    name = visible_text(value)
    if not any(ch.isalpha() for ch in name):
        raise forms.ValidationError(
            f"{what} 글자(한글·영문 등)가 한 자 이상 들어가야 합니다. 숫자·기호나 "
            f"보이지 않는 문자만으로는 입력할 수 없습니다. 예: {example}",
            code="no_letters",
        )
    return name


def _required(what: str) -> dict[str, str]:
    return {"required": f"{what} 입력해 주세요."}


class VisitApplicationForm(forms.ModelForm):
    """Validates against the council's VisitProgramSettings as of `today`.

    Every message names the field's problem and what is allowed. The honeypot field
    (``homepage``) is hidden from people and screen readers; a bot that fills it in gets a
    normal-looking confirmation and nothing is saved (see outreach.views.apply).
    """

    homepage = forms.CharField(
        label="홈페이지 주소 (사람은 비워 두세요)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = VisitApplication
        fields = [
            "school",
            "level",
            "contact_name",
            "phone",
            "email",
            "wished_date",
            "pupils",
            "teachers",
            "message",
        ]
        labels = {
            "school": "학교명",
            "level": "학교급",
            "contact_name": "담당 교사 이름",
            "phone": "연락처(전화)",
            "email": "이메일",
            "wished_date": "희망일",
            "pupils": "참가 학생 수(명)",
            "teachers": "인솔교사 수(명)",
            "message": "요청 사항 (선택)",
        }
        widgets = {
            "level": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "school": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(
                attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "02-123-4567"}
            ),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "wished_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "pupils": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "teachers": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "school": {
                **_required("학교명을"),
                "max_length": "학교명은 %(limit_value)d자 이내로 입력해 주세요.",
            },
            "level": {
                "required": "학교급(초등학교·중학교·고등학교)을 골라 주세요.",
                "invalid_choice": "학교급은 초등학교, 중학교, 고등학교 중에서 골라 주세요.",
            },
            "contact_name": {
                **_required("담당 교사 이름을"),
                "max_length": "이름은 %(limit_value)d자 이내로 입력해 주세요.",
            },
            "phone": {
                **_required("연락받을 전화번호를"),
                "max_length": "전화번호는 %(limit_value)d자 이내로 입력해 주세요.",
            },
            "email": {
                **_required("이메일 주소를"),
                "invalid": "이메일 주소 형식이 올바르지 않습니다. 예: teacher@school.kr",
            },
            "wished_date": {
                **_required("희망일을"),
                "invalid": "희망일은 2024-05-20처럼 연-월-일 형식의 날짜로 입력해 주세요.",
            },
            "pupils": {
                **_required("참가 학생 수를"),
                "invalid": "참가 학생 수는 숫자로 입력해 주세요.",
            },
            "teachers": {
                **_required("인솔교사 수를"),
                "invalid": "인솔교사 수는 숫자로 입력해 주세요.",
            },
            "message": {"max_length": "요청 사항은 %(limit_value)d자 이내로 입력해 주세요."},
        }
        help_texts = {
            "phone": "휴대전화 또는 학교 전화번호 (예: 010-1234-5678, 02-123-4567)",
            "message": "모의의회 운영 희망, 학년·반 구성 등 (1,000자 이내)",
        }

    def __init__(
        self,
        *args,
        rules: VisitProgramSettings,
        today: datetime.date,
        team: str = DEFAULT_BUREAU,
        **kwargs,
    ):
        """`team`: who reads the applications (the council's proceedings team, by name)."""
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.today = today
        self.team = team
        self.first_day = today + datetime.timedelta(days=rules.lead_days)
        self.last_day = today + datetime.timedelta(days=rules.horizon_days)

        date_field = self.fields["wished_date"]
        date_field.widget.attrs.update(
            {"min": self.first_day.isoformat(), "max": self.last_day.isoformat()}
        )
        date_field.help_text = (
            f"{figures.format_day(self.first_day)}부터 {figures.format_day(self.last_day)}까지 "
            f"고를 수 있습니다 (희망일 {rules.lead_days}일 전까지 신청). "
            "회기 중인 날은 본회의 참관으로 안내합니다."
        )
        self.fields["pupils"].widget.attrs.update(
            {"min": rules.min_pupils, "max": rules.max_pupils}
        )
        self.fields[
            "pupils"
        ].help_text = (
            f"한 번에 {rules.min_pupils}~{rules.max_pupils}명. 더 많으면 날짜를 나눠 신청해 주세요."
        )
        self.fields["teachers"].widget.attrs.update(
            {"min": rules.min_teachers, "max": rules.max_teachers}
        )
        self.fields["teachers"].help_text = f"{rules.min_teachers}~{rules.max_teachers}명"
        self.fields["level"].choices = VisitApplication.Level.choices  # no empty choice

        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}  # the server's Korean messages, not the browser's
        self.helper.layout = Layout(
            HTML(
                '<p class="form-required-note"><span class="asteriskField">*</span> 표시는 '
                "필수 항목입니다. 나머지는 비워 두셔도 됩니다.</p>"
            ),
            Fieldset(
                "학교와 담당자",
                "school",
                # The choices as one group: its legend names it and its error sits under the
                # legend, tied to the group (not to the last choice, as crispy's would be).
                Field("level", template="outreach/_radio_group.html"),
                "contact_name",
                "phone",
                "email",
            ),
            Fieldset("방문 계획", "wished_date", "pupils", "teachers", "message"),
            Div(Field(HONEYPOT_FIELD), css_class="hp-field", aria_hidden="true"),
            # A template: the team's name comes from the form, escaped like any variable.
            HTML(
                '<p class="form-note">신청하신 내용은 {{ form.team }}에서 확인한 뒤 '
                "담당 교사께 전화나 이메일로 알려 드립니다.</p>"
            ),
            Submit("submit", "신청하기", css_class="btn btn-primary"),
        )

    # ------------------------------------------------------------ field rules

    def clean_school(self) -> str:
        return clean_name(self.cleaned_data["school"], "학교명에는", "금나래초등학교")

    def clean_contact_name(self) -> str:
        return clean_name(self.cleaned_data["contact_name"], "담당 교사 이름에는", "김교사")

    def clean_phone(self) -> str:
        return normalize_korean_phone(self.cleaned_data["phone"])

    def clean_wished_date(self) -> datetime.date:
        day = self.cleaned_data["wished_date"]
        if day < self.first_day:
            raise forms.ValidationError(
                f"희망일은 신청일로부터 {self.rules.lead_days}일 뒤인 "
                f"{figures.format_day(self.first_day)}부터 고를 수 있습니다.",
                code="too_soon",
            )
        if day > self.last_day:
            raise forms.ValidationError(
                f"희망일은 {figures.format_day(self.last_day)}까지 고를 수 있습니다.",
                code="too_late",
            )
        return day

    def clean_pupils(self) -> int:
        pupils = self.cleaned_data["pupils"]
        if not self.rules.min_pupils <= pupils <= self.rules.max_pupils:
            raise forms.ValidationError(
                f"참가 학생은 한 번에 {self.rules.min_pupils}명부터 "
                f"{self.rules.max_pupils}명까지 신청할 수 있습니다. "
                "더 많으면 날짜를 나눠 신청해 주세요.",
                code="pupils_range",
            )
        return pupils

    def clean_teachers(self) -> int:
        teachers = self.cleaned_data["teachers"]
        if not self.rules.min_teachers <= teachers <= self.rules.max_teachers:
            raise forms.ValidationError(
                f"인솔교사는 {self.rules.min_teachers}명부터 "
                f"{self.rules.max_teachers}명까지 입력할 수 있습니다.",
                code="teachers_range",
            )
        return teachers

    def error_summary(self) -> list[tuple[str, str]]:
        """(message, link) for every error, in the form's order, for the summary at the top of
        the page: the link (``#id_school``) leads to the field; a radio group's leads to its
        first choice; an error of the whole form has no link ("")."""
        summary = [(str(message), "") for message in self.non_field_errors()]
        for bound in self:
            if not bound.errors:
                continue
            target = bound.auto_id
            if isinstance(bound.field.widget, forms.RadioSelect):
                target = f"{target}_0"
            summary += [(str(message), f"#{target}") for message in bound.errors]
        return summary

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in: nobody who sees the page does that."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
