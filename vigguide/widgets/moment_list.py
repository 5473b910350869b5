"""The list of moments marked in a film, with their times, durations, principles and whether the
clip is made; up/down to move, Enter to go to one.
"""

from __future__ import annotations

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from vigguide.domain import Moment
from vigguide.domain.wording import clock


def moment_line(number: int, moment: Moment, short_labels: dict[str, str]) -> str:
    title = escape(moment.title or "Untitled moment")
    made = "[green]clip ✓[/green]" if moment.clip_vault_id else "[dim]no clip yet[/dim]"
    tags = ", ".join(short_labels.get(p, p) for p in moment.principles)
    span = f"{clock(moment.start_s)}–{clock(moment.end_s)} ({moment.duration_s:.1f} s)"
    line = f"[b]{number}. {title}[/b]\n   {span}  {made}"
    if tags:
        line += f"\n   [dim]{escape(tags)}[/dim]"
    return line


class MomentList(ListView, inherit_bindings=False):
    """Shows moments in their review order; posts `MomentList.Chosen` on Enter or click.

    Only up, down and Enter are bound, so left/right and the rest reach the screen (frame steps).
    """

    BINDINGS = [
        Binding("enter", "select_cursor", "Go to moment", show=False),
        Binding("up", "cursor_up", "Previous moment", show=False),
        Binding("down", "cursor_down", "Next moment", show=False),
    ]

    DEFAULT_CSS = """
    MomentList { height: 1fr; }
    MomentList > ListItem { padding: 0 1; }
    MomentList > ListItem > Label { width: 1fr; }
    MomentList > .moment-empty { color: $text-muted; }
    """

    class Chosen(Message):
        def __init__(self, moment: Moment) -> None:
            super().__init__()
            self.moment = moment

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.moments: tuple[Moment, ...] = ()
        self._keep: int | None = None

    def show(
        self,
        moments: tuple[Moment, ...],
        short_labels: dict[str, str],
        select_id: int | None = None,
    ) -> None:
        """Show `moments`, highlighting `select_id` (else the one highlighted before).

        The old rows go and the new ones come only on the next turn of the event loop; the
        highlight is set once they have, so exactly one row is highlighted and it is the
        moment `selected` returns."""
        keep = (
            select_id
            if select_id is not None
            else (self._keep if self._keep is not None else self.selected_id)
        )
        self._keep = keep
        self.moments = moments
        removed = self.clear()
        if not moments:
            self.append(
                ListItem(
                    Label("No moments yet: mark in (i) and out (o), then add (a)."),
                    classes="moment-empty",
                    disabled=True,
                )
            )
            return
        items = [
            ListItem(Label(moment_line(n, m, short_labels)), name=str(m.id))
            for n, m in enumerate(moments, start=1)
        ]
        mounted = self.extend(items)
        ids = [m.id for m in moments]

        async def highlight() -> None:
            await removed
            await mounted
            if self.moments is moments:  # not shown again since
                self._keep = None
                self.index = ids.index(keep) if keep in ids else 0
                self.refresh_bindings()  # Edit and Delete apply from now

        self.call_later(highlight)

    @property
    def selected(self) -> Moment | None:
        """The moment on the highlighted row (None while the rows are being replaced)."""
        row = self.highlighted_child
        if row is None or row.name is None:
            return None
        return next((m for m in self.moments if str(m.id) == row.name), None)

    @property
    def selected_id(self) -> int | None:
        moment = self.selected
        return moment.id if moment else None

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        moment = self.selected
        if moment is not None:
            self.post_message(self.Chosen(moment))
