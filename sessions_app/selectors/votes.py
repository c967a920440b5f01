"""The record of a sitting's recorded votes and members' speeches, and of one member's
ballots and speeches. Tallies and counts are counted from the rows, never stored.

No result (가결 / 부결) is derived here: the majority a vote needs depends on what is voted on
(재적 과반수 출석과 출석 과반수 찬성 for most, two thirds for some), and the roll of the
sitting (재적) is not what its attendance rows happen to list; the decision on a bill is
the bill's own record (legislation's BillAction result).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from council.models import Member
from council.words import CouncilWords

from ..models import Ballot, Sitting, Speech, Vote, video_at

# How many of a member's ballots their page lists (the newest): the counts cover them all.
MEMBER_BALLOTS = 50


@dataclass(frozen=True)
class Tally:
    """찬성, 반대, 기권 counted from ballots."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class ChoiceGroup:
    """The members who made one choice in a vote, by name."""

    choice: str  # yes / no / abstain
    label: str  # 찬성 / 반대 / 기권
    members: list[Member]


@dataclass(frozen=True)
class VoteRecord:
    vote: Vote
    groups: list[ChoiceGroup]  # 찬성, 반대, 기권, each (possibly empty) listed

    @property
    def tally(self) -> Tally:
        counts = {group.choice: len(group.members) for group in self.groups}
        return Tally(yes=counts["yes"], no=counts["no"], abstain=counts["abstain"])


def sitting_votes(sitting: Sitting) -> list[VoteRecord]:
    """The sitting's recorded votes in order, each with its agenda item and its members by
    choice (찬성, 반대, 기권; by name within each). Two queries, however many votes and
    ballots."""
    ballots = Ballot.objects.select_related("member").order_by("member__name", "pk")
    votes = (
        Vote.objects.filter(sitting=sitting)
        .select_related("agenda_item")
        .prefetch_related(Prefetch("ballots", queryset=ballots))
        .order_by("order", "pk")
    )
    records = []
    for vote in votes:
        by_choice: dict[str, list[Member]] = {choice: [] for choice in Ballot.Choice.values}
        for ballot in vote.ballots.all():
            by_choice[ballot.choice].append(ballot.member)
        groups = [ChoiceGroup(c, label, by_choice[c]) for c, label in Ballot.Choice.choices]
        records.append(VoteRecord(vote, groups))
    return records


@dataclass(frozen=True)
class SpeechRow:
    speech: Speech
    label: str  # 구정질문 (the council's word) or 5분 자유발언
    video_url: str  # the recording from the speech's start; "" without one


def _speech_rows(speeches, words: CouncilWords) -> list[SpeechRow]:
    rows = []
    for speech in speeches:
        video = speech.sitting.video_url
        url = (
            video_at(video, speech.offset_seconds)
            if video and speech.offset_seconds is not None
            else ""
        )
        rows.append(SpeechRow(speech, speech.kind_label(words), url))
    return rows


def sitting_speeches(sitting: Sitting, words: CouncilWords) -> list[SpeechRow]:
    """The members' questions to the executive and five-minute speeches at the sitting, in
    order, with the link into its recording. One query."""
    speeches = list(
        Speech.objects.filter(sitting=sitting).select_related("member").order_by("order", "pk")
    )
    for speech in speeches:
        speech.sitting = sitting  # the page's own sitting: its video address, no query
    return _speech_rows(speeches, words)


@dataclass(frozen=True)
class KindCount:
    label: str
    count: int


@dataclass(frozen=True)
class MemberRecord:
    """A member's ballots (the newest MEMBER_BALLOTS) with the tally of all of them, and
    every speech with its count per kind."""

    ballots: list[Ballot]
    ballot_tally: Tally
    speeches: list[SpeechRow]
    speech_counts: list[KindCount]

    @property
    def ballots_shown_all(self) -> bool:
        return len(self.ballots) == self.ballot_tally.total


def member_record(member: Member, words: CouncilWords) -> MemberRecord:
    """One member's ballots and speeches, newest first. Three queries, however many."""
    counted = dict(
        Ballot.objects.filter(member=member)
        .values("choice")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("choice", "n")
    )
    tally = Tally(
        yes=counted.get("yes", 0), no=counted.get("no", 0), abstain=counted.get("abstain", 0)
    )
    ballots = list(
        Ballot.objects.filter(member=member)
        .select_related("vote__sitting__session", "vote__sitting__body")
        .order_by("-vote__sitting__date", "-vote__sitting__pk", "vote__order", "vote__pk")[
            :MEMBER_BALLOTS
        ]
    )
    speeches = _speech_rows(
        Speech.objects.filter(member=member)
        .select_related("sitting__session", "sitting__body")
        .order_by("-sitting__date", "-sitting__pk", "order", "pk"),
        words,
    )
    kinds = [
        KindCount(
            words.questions if kind == Speech.Kind.QUESTION else label,
            sum(1 for row in speeches if row.speech.kind == kind),
        )
        for kind, label in Speech.Kind.choices
    ]
    return MemberRecord(ballots, tally, speeches, kinds)
