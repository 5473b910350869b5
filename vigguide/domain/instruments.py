"""The standard outcome measures a perinatal service records (RCPsych CR216): what each asks,
how its answers are scored, and the bands its total falls in. Pure values, no I/O.

PHQ-9 and GAD-7 are free to reproduce; CORE-10 is reproduced unaltered with its attribution; the
PBQ and the EPDS are recorded as scores only (the EPDS items are copyright of the Royal College of
Psychiatrists and are never embedded here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """One range of totals and what services call it."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Instrument:
    """One measure. With `items`, every answer is entered; without, only the total (and, for the
    EPDS, item 10 as its own score)."""

    kind: str
    name: str
    max_total: int
    bands: tuple[Band, ...] = ()
    items: tuple[str, ...] = ()
    stem: str = ""
    options: tuple[str, ...] = ()
    """The answer labels, scored 0, 1, 2 … in order."""
    reversed_items: tuple[int, ...] = ()
    """1-based items scored the other way round (a positive statement)."""
    risk_item: int | None = None
    """1-based item whose answer above 0 is a risk signal."""
    risk_item_max: int = 0
    cutoff: int | None = None
    """The total at or above which the score is in the clinical range."""
    source: str = ""

    @property
    def itemised(self) -> bool:
        return bool(self.items)

    @property
    def item_max(self) -> int:
        return len(self.options) - 1

    def band(self, total: int) -> str:
        """The band a total falls in, or "" when the measure has none."""
        for band in self.bands:
            if band.low <= total <= band.high:
                return band.label
        return ""


_FREQUENCY_2_WEEKS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
_PFIZER = (
    "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display "
    "or distribute."
)

PHQ9 = Instrument(
    kind="phq9",
    name="PHQ-9",
    max_total=27,
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    options=_FREQUENCY_2_WEEKS,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    cutoff=10,
    risk_item=9,
    source=_PFIZER,
)

GAD7 = Instrument(
    kind="gad7",
    name="GAD-7",
    max_total=21,
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    options=_FREQUENCY_2_WEEKS,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    cutoff=10,
    source=_PFIZER,
)

# The copyright line CORE System Trust asks to be visible wherever the form is shown; its licensing
# page (coresystemtrust.org.uk/home/copyright-licensing/) now names CC BY-NC-ND 4.0 (BY-ND before).
CORE10_COPYRIGHT = "© CORE System Trust: https://www.coresystemtrust.org.uk/copyright.pdf"
CORE10_ATTRIBUTION = (
    f"CORE-10 {CORE10_COPYRIGHT} — reproduced unaltered under the Creative Commons "
    "Attribution-NonCommercial-NoDerivatives 4.0 licence (CC BY-NC-ND 4.0)."
)

CORE10 = Instrument(
    kind="core10",
    name="CORE-10",
    max_total=40,
    stem=(
        "This form has 10 statements about how you have been OVER THE LAST WEEK. Please read each "
        "statement and think how often you felt that way last week. Then tick the box which is "
        "closest to this."
    ),
    items=(
        "I have felt tense, anxious or nervous",
        "I have felt I have someone to turn to for support when needed",
        "I have felt able to cope when things go wrong",
        "Talking to people has felt too much for me",
        "I have felt panic or terror",
        "I made plans to end my life",
        "I have had difficulty getting to sleep or staying asleep",
        "I have felt despairing or hopeless",
        "I have felt unhappy",
        "Unwanted images or memories have been distressing me",
    ),
    options=("Not at all", "Only occasionally", "Sometimes", "Often", "Most or all of the time"),
    reversed_items=(2, 3),
    bands=(
        Band(0, 5, "healthy"),
        Band(6, 10, "low"),
        Band(11, 14, "mild"),
        Band(15, 19, "moderate"),
        Band(20, 24, "moderate-severe"),
        Band(25, 40, "severe"),
    ),
    cutoff=11,
    # "I made plans to end my life": the risk item of the CORE measures.
    risk_item=6,
    source=CORE10_ATTRIBUTION,
)

PBQ = Instrument(
    kind="pbq",
    name="PBQ",
    max_total=125,
    source="Postpartum Bonding Questionnaire (Brockington et al.): total score only.",
)

EPDS = Instrument(
    kind="epds",
    name="EPDS",
    max_total=30,
    bands=(
        Band(0, 9, "below the screening range"),
        Band(10, 12, "possible depression"),
        Band(13, 30, "probable depression"),
    ),
    cutoff=13,
    risk_item=10,
    risk_item_max=3,
    source=(
        "Edinburgh Postnatal Depression Scale © Royal College of Psychiatrists: the score is "
        "recorded here, its items are not reproduced."
    ),
)

INSTRUMENTS: dict[str, Instrument] = {i.kind: i for i in (PHQ9, GAD7, CORE10, PBQ, EPDS)}
KINDS: tuple[str, ...] = tuple(INSTRUMENTS)
