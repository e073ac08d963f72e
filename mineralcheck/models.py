"""Frozen data passed between the pipeline stages: articles, sentences, values, claims, clusters, report."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NewType

SourceId = NewType("SourceId", str)
"""An article's id: its file name without extension (the relative path where names collide)."""

Verdict = Literal["agree", "diverge", "single"]
"""single: one source states it; agree: several, compatible; diverge: several, conflicting."""

DivergenceKind = Literal["value", "date", "place", "subject", "quote", "spelling"]
"""What differs between the sources of a diverging fact."""

ValueKind = Literal["quantity", "date", "weekday", "time", "year"]
"""quantity: a number with a unit; date: a calendar day or span; weekday: an unresolved day name;
time: a clock time; year: a bare year ("in 2025")."""

INCREMENT_LABEL = "new"
"""The word a label (and a claims.yaml `measure:`) writes for an increment: "new deaths"."""


def restrictions(increment: bool, qualifiers: tuple[str, ...]) -> tuple[str, ...]:
    """What restricts a measure, as a label writes it before the measure: "new" for an increment,
    then the qualifiers ("new confirmed cases")."""
    return (INCREMENT_LABEL, *qualifiers) if increment else qualifiers


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range [start, end) in an article's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Article:
    """One input document, decoded, newlines normalised to \\n."""

    id: SourceId
    path: str
    """The path as the user gave it (or "-" for stdin)."""
    text: str
    title: str | None = None
    date: dt.date | None = None
    """Publication date: from the sources manifest, front matter, the page's metadata, the URL, or a
    dateline at the top; never from a date in the body (that dates an event, not the article)."""
    furniture: tuple[Span, ...] = ()
    """Page furniture (menus, promos, bylines, footers, related headlines): no claim comes from here."""
    captions: tuple[Span, ...] = ()
    """Photo captions: facts, but second-hand; claims from here are marked as captions."""
    sha256: str = ""
    """Hash of the decoded text, so a baseline can tell "the article changed" from "mineralcheck changed"."""
    outlet: str = ""
    """Who published it, as a reader names it: from the manifest, front matter or page metadata, else
    the domain of its URL, else the file name."""
    url: str | None = None
    time: dt.time | None = None
    """Publication time of day where a source states one (with its UTC offset when known)."""
    line_map: tuple[tuple[int, int], ...] = ()
    """For text read out of a web page: (offset in `text`, line in the HTML file) wherever the line
    changes, so evidence points at the file the user opens. Empty when `text` is the file itself."""

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset, in the file as the user opens it."""
        if self.line_map:
            at = bisect_right(self.line_map, (offset, float("inf"))) - 1
            return self.line_map[max(at, 0)][1]
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, and why (shown in every report)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article with its exact offsets: text == article.text[start:end]."""

    source: SourceId
    start: int
    end: int
    text: str
    is_caption: bool = False


@dataclass(frozen=True)
class Value:
    """A value stated in a claim, in a form a comparison can trust.

    Numbers become closed/open intervals: "more than 70%" -> (70, inf), "about 400 km" -> [380, 420].
    Dates become day ordinals (datetime.date.toordinal) so a whole month is an interval too.
    """

    kind: ValueKind
    text: str
    """The surface text, e.g. "more than 70%"."""
    start: int
    end: int
    """Offsets of the surface text in the article."""
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    unit: str = ""
    """Canonical unit: "percent", "usd", "km", "people", "magnitude", "" for a bare count...; for
    dates "day"; for weekdays "weekday" (low == high == 0..6, Monday = 0); for times "utc-minutes"
    or "local-minutes"."""
    quantity: str = ""
    """What is counted where the text says it ("deaths", "injured", "trees"), else ""."""
    comparator: str = ""
    """The hedge or comparator as canonical word: "more-than", "at-least", "about", "nearly",
    "up-to", "only", "exactly", "" when none."""
    qualifiers: tuple[str, ...] = ()
    """Words that restrict what is counted ("confirmed", "probable"): 19 confirmed cases and 19
    probable cases are two facts."""
    increment: bool = False
    """The figure is one update ("four new deaths", "12 more cases", "raised by 30 dollars"), not the
    running total or the level it leads to."""
    scope: tuple[str, ...] = ()
    """Places below the national level the figure is about, as the parse attaches them."""
    owner: str = ""
    """Whose the counted thing is when a name says so ("Norland's exports", "Acme shares"), canonical;
    figures of two owners are two facts, a name on one side only restricts nothing."""
    context: tuple[str, ...] = ()
    """Content words around the figure that say what it counts ("force", "injured", "security")."""
    measure: str = ""
    """What the figure counts in the outlet's own words, without the figure, its place or its
    agent ("people killed", "confirmed deaths"): outlets that count one thing word it alike here,
    however differently their sentences run. "" where the parse says nothing."""

    def display(self) -> str:
        """Short human form used in reasons ("more than 70%")."""
        return self.text

    @property
    def is_figure(self) -> bool:
        """A figure that counts or measures something: not a date or time, and not a rank
        ("the first round", "a third title"), which neither shares nor disputes a figure."""
        return self.kind == "quantity" and self.unit != "ordinal"

    def restrictions(self) -> tuple[str, ...]:
        """What restricts the measure, as a label writes it before the measure (`restrictions`)."""
        return restrictions(self.increment, self.qualifiers)


@dataclass(frozen=True)
class Claim:
    """One checkable fact from one article, with the evidence it rests on."""

    id: str
    """Stable id: "<source>:<start>-<end>"."""
    source: SourceId
    start: int
    end: int
    """Offsets of the evidence in the article (end exclusive)."""
    line: int
    evidence: str
    """article.text[start:end], verbatim."""
    text: str
    """A readable, self-standing statement of the fact (references resolved where possible)."""
    subject: str = ""
    """Who or what the claim is about, as written ("the harbour authority")."""
    predicate: str = ""
    """The relation, as a lemma ("process", "sign", "kill")."""
    values: tuple[Value, ...] = ()
    entities: tuple[str, ...] = ()
    """Canonical names of the actors and places mentioned ("Norland", "Varna")."""
    speaker: str = ""
    """Canonical speaker when the claim is a direct quote, else ""."""
    quote: str = ""
    """The quoted words when the claim is a direct quote."""
    is_caption: bool = False
    scope: tuple[str, ...] = ()
    """Places below the national level that the claim's figures are about (a district, a town): a
    district's figure is not the national one, so different scopes never conflict."""
    earlier: bool = False
    """The claim states an earlier value of a figure ("up from 40%", "rose to 90 from 75"): last
    year's figure is not this year's, so it never conflicts with a figure stated now."""
    sentence: int = 0
    """Index of the sentence in its article: clauses of one sentence are different facts by construction."""
    attribution: str = ""
    """Who says or counted it ("health ministry", "union"), "" when the article states it itself."""
    negated: bool = False
    """The claim denies its predicate ("did not sign", "no cases were found")."""


@dataclass(frozen=True)
class Mention:
    """Where a reading is written: the claim that states it and the value as read there."""

    claim: str
    """The claim's id."""
    source: SourceId
    value: Value | None = None
    """The figure as read there (its offsets are its place in the article); None for a quote."""


@dataclass(frozen=True)
class Reading:
    """One figure of a fact as its outlets wrote it ("about half a million", "80mph (130km/h)"),
    exactly the sources that write it, and where each does: "63 (harbourpost, nightdesk)"."""

    value: str
    """The figure in the outlet's words: comparator, number and unit as in its text. Values are
    normalised to be compared, never to be shown."""
    sources: tuple[SourceId, ...]
    side: int = 0
    """In a divergence, which side the reading is on: readings of one side are compatible with each
    other ("63" and "at least 58"), and conflict with the readings of the other sides."""
    mentions: tuple[Mention, ...] = ()
    """The claims that state it, in the order of `sources`: its evidence."""

    @classmethod
    def by_wording(cls, found: Iterable[tuple[str, SourceId, Mention]], side: int = 0) -> list[Reading]:
        """One reading per wording of (wording, source, mention) triples, in order of first mention:
        exactly the sources that write it, each with its first mention."""
        by_text: dict[str, dict[SourceId, Mention]] = {}
        for text, source, mention in found:
            by_text.setdefault(text, {}).setdefault(source, mention)
        return [
            cls(text, tuple(sorted(backers)), side, tuple(backers[s] for s in sorted(backers)))
            for text, backers in by_text.items()
        ]


@dataclass(frozen=True)
class Reason:
    """Why a cluster got its verdict, with the values side by side."""

    summary: str
    """One line, e.g. "deaths: 63 (a, b) vs at least 58 (c)"."""
    kind: DivergenceKind | None = None
    """Set for diverge verdicts."""
    groups: tuple[Reading, ...] = ()
    """The fact's figures, each credited to exactly the sources that write it: the sides of a
    divergence, the figures the sources of an agreement share, a single source's own figures."""
    majority: str = ""
    """Which reading most sources give, when there is one."""
    notes: tuple[str, ...] = ()
    """Remarks that are not conflicts: spelling variants, a figure that rose over time."""
    measure: str = ""
    """What the readings measure, in readable words ("people killed", "wind speed", "date"); for a
    quote divergence, who is quoted. "" when the fact states no figure."""


@dataclass(frozen=True)
class Cluster:
    """Claims from one or more articles that state the same fact."""

    id: str
    claims: tuple[Claim, ...]

    @property
    def sources(self) -> tuple[SourceId, ...]:
        """Distinct sources, sorted."""
        return tuple(sorted({c.source for c in self.claims}))


@dataclass(frozen=True)
class Fact:
    """A cluster with its verdict: the unit of the report."""

    cluster: Cluster
    verdict: Verdict
    reason: Reason
    title: str
    """A readable label for the fact (the most central claim's text)."""
    diverging_sources: tuple[SourceId, ...] = ()
    """Sources whose reading is in the minority (for the facts x sources matrix)."""

    @property
    def id(self) -> str:
        return self.cluster.id

    @property
    def readings(self) -> tuple[Reading, ...]:
        """The fact's figures as written, each with exactly its sources (see Reason.groups)."""
        return self.reason.groups


@dataclass(frozen=True)
class KeyFigure:
    """One measure of one thing in the story, and what each outlet says it is."""

    measure: str
    """What is counted, in readable words, with its place or earlier event: "people killed",
    "confirmed cases in Eastvale", "people killed (1998)"."""
    readings: tuple[Reading, ...]
    """Each figure as written, with the sources that state it, earliest first."""
    trend: str = ""
    """ "rose over time: five → 14 → at least 70" when later articles give larger figures."""
    facts: tuple[str, ...] = ()
    """Ids of the facts whose readings these are."""

    @property
    def sources(self) -> tuple[SourceId, ...]:
        return tuple(sorted({s for r in self.readings for s in r.sources}))


@dataclass(frozen=True)
class CopyGroup:
    """Articles that run one text (an agency story re-run with edits): one voice, however many outlets."""

    sources: tuple[SourceId, ...]
    """In the order of the report's articles."""
    shared: float
    """The least share of a shorter text's word runs that its copy prints too (read.copies)."""


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs; renderers never recompute verdicts."""

    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[tuple[str, SourceId], ...] = ()
    """(path of a duplicate file, id of the article it duplicates): counted once."""
    model: str = ""
    options: dict[str, str] = field(default_factory=dict)
    copies: tuple[CopyGroup, ...] = ()
    """Groups of articles that run one text."""
    key_figures: tuple[KeyFigure, ...] = ()
    """The measures that several sources give a figure for, computed once beside the verdicts."""

    def voices(self, fact: Fact) -> int:
        """How many independent texts state `fact`: its sources, the copies of one text counted once."""
        group = {s: n for n, g in enumerate(self.copies) for s in g.sources}
        return len({group.get(s, s) for s in fact.cluster.sources})

    def copies_of(self, source: SourceId) -> tuple[SourceId, ...]:
        """The other sources that run the same text as `source`."""
        return next(
            (tuple(s for s in g.sources if s != source) for g in self.copies if source in g.sources), ()
        )

    def counts(self) -> dict[str, int]:
        """Number of facts per verdict."""
        out = {"agree": 0, "diverge": 0, "single": 0}
        for fact in self.facts:
            out[fact.verdict] += 1
        return out
