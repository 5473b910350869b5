"""A fixture family for the document tests: print-sized test stills and every document's data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from vigguide.documents.model import (
    ClipForReview,
    CycleLookBack,
    EndingSummaryData,
    FilmingReminderData,
    HelpingQuestionResult,
    NoteClip,
    PlanMoment,
    PractitionerInfo,
    ProgressNoteData,
    ReviewSummaryData,
    ServiceInfo,
    StayingWellData,
)

STILL_COLOURS: tuple[tuple[int, int, int], ...] = (
    (225, 30, 30),
    (20, 160, 50),
    (30, 70, 230),
    (240, 170, 0),
    (160, 30, 190),
    (0, 180, 200),
)
"""One bright colour per still, absent from the page design, to find each still in a rendering."""

PARENT = "Amy"
BABY = "Leo"
QUESTION = "What am I doing to enjoy my baby?"
QUOTE = "Look how happy he is when I sing to him"


def make_still(
    path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (1600, 900)
) -> Path:
    """A photo-like JPEG (soft grain, ~190 KB at 1600x900) with one big disc of `colour`."""
    width, height = size
    grain = Image.effect_noise(size, 40).convert("L").filter(ImageFilter.GaussianBlur(1))
    image = Image.merge(
        "RGB",
        (
            grain.point(lambda v: v // 2 + 110),
            grain.point(lambda v: v // 2 + 100),
            grain.point(lambda v: v // 2 + 90),
        ),
    )
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.2, width * 0.7, height * 0.9), fill=colour)
    image.save(path, "JPEG", quality=85)
    return path


def make_logo(path: Path) -> Path:
    image = Image.new("RGB", (240, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 220, 220), fill=(36, 94, 91))
    draw.ellipse((80, 80, 160, 160), fill=(247, 242, 234))
    image.save(path, "PNG")
    return path


def make_stills(folder: Path, count: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        make_still(folder / f"still-{i}.jpg", STILL_COLOURS[i % len(STILL_COLOURS)])
        for i in range(count)
    ]


def practitioner() -> PractitionerInfo:
    return PractitionerInfo(
        name="Jo Okafor", role="VIG practitioner", service="Perinatal Mental Health Team"
    )


def service(logo: Path | None) -> ServiceInfo:
    return ServiceInfo(name="Riverside Perinatal Mental Health Service", logo=logo)


def question() -> HelpingQuestionResult:
    return HelpingQuestionResult(text=QUESTION, ratings=[(1, 4), (2, 7)])


def clips(stills: list[Path]) -> list[ClipForReview]:
    titles = [
        "Singing on the mat",
        "Looking at each other",
        "Waiting for his smile",
        "Reaching for your hand",
        "Bath time splashes",
        "A story together",
    ]
    return [
        ClipForReview(
            title=titles[i % len(titles)],
            still=still,
            caption=f"You are smiling at {BABY} and he is smiling back.",
            parent_noticed="I saw that he looks at me when I talk to him.",
            parent_words=QUOTE if i == 0 else f"He likes it when I wait for him ({i}).",
            making_a_difference="You waited. You gave him time to answer you with a smile.",
            feelings_parent="Calm and proud.",
            feelings_baby="Happy and safe with his mum.",
        )
        for i, still in enumerate(stills)
    ]


def summary(stills: list[Path], logo: Path | None) -> ReviewSummaryData:
    return ReviewSummaryData(
        parent_first_name=PARENT,
        baby_name=BABY,
        cycle_number=2,
        review_date=date(2025, 3, 12),
        helping_questions=[question()],
        clips=clips(stills),
        learned="When I slow down and wait, he tells me what he wants.",
        other_places="At bath time and when we go for a walk, I can wait for him and chat back.",
        next_steps="Next time we will film bath time. We will look at how you chat together.",
        practitioner=practitioner(),
        service=service(logo),
    )


def insert(stills: list[Path], logo: Path | None) -> StayingWellData:
    return StayingWellData(
        parent_first_name=PARENT,
        baby_name=BABY,
        made_on=date(2025, 3, 12),
        moments=[
            PlanMoment(still=s, caption=f"Moment {i + 1}", parent_words=f"My words {i + 1}")
            for i, s in enumerate(stills[:4])
        ],
        helps_us_connect=["Singing to him", "Waiting for his smile", "Talking about what he sees"],
        when_hard=["Watch the clip of us singing", "Call my sister", "Go for a short walk"],
        clips_to_watch=["Singing on the mat", "Looking at each other"],
        videos_kept_where="On my phone, in the album called Leo and me",
        people_who_help=["My sister Jo", "My health visitor", "The perinatal team"],
        learned="He is telling me things all the time, and I can hear him.",
        service=service(logo),
    )


def ending(stills: list[Path], logo: Path | None) -> EndingSummaryData:
    return EndingSummaryData(
        parent_first_name=PARENT,
        baby_name=BABY,
        ending_date=date(2025, 5, 20),
        helping_questions=[
            HelpingQuestionResult(
                text=QUESTION, ratings=[(1, 5), (2, 6), (3, 7)], baseline=3, final=8
            )
        ],
        cycles=[
            CycleLookBack(1, date(2025, 2, 10), "He looks at me when I talk."),
            CycleLookBack(2, date(2025, 3, 12), "When I wait, he tells me what he wants."),
            CycleLookBack(3, date(2025, 4, 22), "I am better at this than I thought."),
        ],
        favourite_moments=[
            PlanMoment(
                still=stills[0], caption="Singing together", parent_words=QUOTE, cycle_number=1
            ),
            PlanMoment(
                still=stills[1], caption="A big smile", parent_words="I can do this", cycle_number=3
            ),
        ],
        keep_doing="Singing, waiting for his smile, and chatting back to him.",
        practitioner=practitioner(),
        service=service(logo),
        closing_words="It has been a joy to watch you and Leo together.",
    )


def filming_reminder(logo: Path | None) -> FilmingReminderData:
    return FilmingReminderData(
        parent_first_name=PARENT,
        baby_name=BABY,
        cycle_number=2,
        when=datetime(2025, 3, 5, 10, 30),
        place="At home, in the front room",
        activity="Playing on the mat",
        why="To see the times when you and Leo enjoy each other.",
        who_is_there="You, Leo and me",
        practitioner=practitioner(),
        service=service(logo),
        contact="Call the team on 01632 960 123",
    )


def progress_note(logo: Path | None) -> ProgressNoteData:
    return ProgressNoteData(
        case_ref="PMH-0042",
        cycle_number=2,
        review_date=date(2025, 3, 12),
        practitioner=practitioner(),
        service=service(logo),
        helping_questions=[question()],
        clips=[
            NoteClip(
                title="Singing on the mat",
                principles=["Being attentive", "Receiving initiatives"],
                parent_noticed="Mother noticed infant's gaze following her voice.",
                parent_words=QUOTE,
                making_a_difference="Waiting and matching vocalisations; warm tone.",
            )
        ],
        learned="Recognises that pausing allows infant initiatives.",
        other_places="Plans to use the same pauses at bath time.",
        next_steps="Cycle 3 filming: bath time, 5 March.",
        filmed_on=date(2025, 3, 5),
        activity="Floor play",
        consent="Filming and shared-review consent in place",
        reflections="Mother more confident; rating up from 4 to 7.",
    )


def with_text(data: object, **changes: object) -> object:
    return replace(data, **changes)  # type: ignore[type-var]


def summary_six_stills(stills: list[Path], logo: Path | None) -> ReviewSummaryData:
    """The usual shape: three clips, two stills each — the two-page summary of the budget."""
    base = summary(stills[:3], logo)
    three = [
        replace(clip, still=stills[2 * i], more_stills=[stills[2 * i + 1]])
        for i, clip in enumerate(base.clips)
    ]
    return replace(base, clips=three)


DEMO_MOMENTS = (
    (
        "You wait, and Leo's smile arrives.",
        "Look how happy he is. I didn't know he did that for me.",
    ),
    ("Leo makes a sound and you answer him.", "I can do this."),
    (
        "Leo looks away for a rest, and you give him a moment.",
        "I thought he was turning away from me, but he was just resting.",
    ),
    ("You hold the rattle still and Leo reaches for it.", "He wanted to play with me."),
)


def insert_like_demo(
    stills: list[Path], logo: Path | None, count: int = 3, people: bool = False
) -> StayingWellData:
    """The insert as `vigguide demo` fills it: its captions, quotes and lists, `count` stills."""
    return StayingWellData(
        parent_first_name="Maya",
        baby_name=BABY,
        made_on=date(2026, 11, 24),
        moments=[
            PlanMoment(still=still, caption=caption, parent_words=words)
            for still, (caption, words) in zip(stills[:count], DEMO_MOMENTS, strict=False)
        ],
        helps_us_connect=[
            "Waiting and keeping my face close to his.",
            "Copying his sounds back to him.",
            "Giving him time and waiting for him to come back.",
        ],
        when_hard=[
            "Watch one of my clips and notice what I am doing.",
            "Look at these pictures and read my own words again.",
        ],
        clips_to_watch=[
            "Waiting for his smile",
            "Taking turns with sounds",
            "A pause when he looked away",
        ],
        videos_kept_where="On my phone, in the videos my practitioner sent me.",
        people_who_help=(
            ["My sister Jo", "My health visitor, Sam", "The perinatal team"] if people else []
        ),
        learned="When I slow down and wait, Leo tells me what he wants.",
        service=service(logo),
    )


DEMO_QUESTIONS = (
    "What am I doing when Leo and I enjoy playtime together, and what does it give him?",
    "What am I already doing well to understand Leo's cues?",
)


def ending_like_demo(stills: list[Path], logo: Path | None) -> EndingSummaryData:
    """The ending as `vigguide demo` gives it after one cycle: two questions, one favourite."""
    caption, words = DEMO_MOMENTS[0]
    return EndingSummaryData(
        parent_first_name="Maya",
        baby_name=BABY,
        ending_date=date(2026, 11, 24),
        helping_questions=[
            HelpingQuestionResult(DEMO_QUESTIONS[0], [(1, 6)]),
            HelpingQuestionResult(DEMO_QUESTIONS[1], [(1, 5)]),
        ],
        cycles=[
            CycleLookBack(
                1, date(2026, 11, 3), "When I slow down and wait, Leo tells me what he wants."
            )
        ],
        favourite_moments=[PlanMoment(stills[0], caption, words, 1)],
        keep_doing="Waiting and keeping my face close to his.\nCopying his sounds back to him.",
        practitioner=practitioner(),
        service=service(logo),
    )


def progress_note_like_demo(logo: Path | None) -> ProgressNoteData:
    """The note for the demo's first cycle: two questions, three clips, principles named."""
    titles = ("Waiting for his smile", "Taking turns with sounds", "A pause when he looked away")
    return ProgressNoteData(
        case_ref="DEMO-001",
        cycle_number=1,
        review_date=date(2026, 11, 3),
        practitioner=practitioner(),
        service=service(logo),
        helping_questions=[
            HelpingQuestionResult(DEMO_QUESTIONS[0], [(1, 6)]),
            HelpingQuestionResult(DEMO_QUESTIONS[1], [(1, 5)]),
        ],
        clips=[
            NoteClip(
                title=title,
                principles=["Being attentive", "Receiving initiatives"],
                parent_noticed="He needed a break and I let him have it.",
                parent_words=words,
                making_a_difference="Giving him time and waiting for him to come back.",
            )
            for title, (_caption, words) in zip(titles, DEMO_MOMENTS, strict=False)
        ],
        learned="When I slow down and wait, Leo tells me what he wants.",
        other_places="At bath time and when we sing in the car seat.",
        next_steps="Bath time: how we enjoy the water together.",
        filmed_on=date(2026, 10, 25),
        activity="Play on the mat with the rattle and singing",
        consent=(
            "Filming at home, using the film in the shared review, showing clips in "
            "supervision, copies of clips for the family."
        ),
    )
