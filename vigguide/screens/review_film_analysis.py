"""Micro-analysis of the shared-review film (the guider with the parent): the same screen as the
interaction film's, on the cycle's other film, its moments tagged with the principles of attuned
interaction as the guider applied them. Opened with w on the case overview."""

from __future__ import annotations

from vigguide.domain import Cycle, Moment, Recording, Still
from vigguide.screens.micro_analysis import MicroAnalysisScreen


class ReviewFilmAnalysisScreen(MicroAnalysisScreen):
    """The review film on the left, the guider's own moments on the right."""

    ANALYSIS_TITLE = "Review film · micro-analysis"
    STILL_PROMPT = "Caption, for your supervision (what you were doing with the parent)"
    NO_FILM = (
        "There is no film of the shared review in this cycle yet.\n"
        "Import it with: vigguide import CASE FILE --kind shared-review"
    )

    def films_of(
        self, cycle: Cycle
    ) -> tuple[tuple[Recording, ...], tuple[Moment, ...], tuple[Still, ...]]:
        return cycle.review_films, cycle.review_moments, cycle.review_stills

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_film":  # the import screen brings in the interaction film only
            return False
        return super().check_action(action, parameters)
