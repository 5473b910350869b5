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

    def show(
        self,
        moments: tuple[Moment, ...],
        short_labels: dict[str, str],
        select_id: int | None = None,
    ) -> None:
        keep = select_id if select_id is not None else self.selected_id
        self.moments = moments
        self.clear()
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
        self.extend(items)
        ids = [m.id for m in moments]
        self.index = ids.index(keep) if keep in ids else 0

    @property
    def selected(self) -> Moment | None:
        if not self.moments or self.index is None or self.index >= len(self.moments):
            return None
        return self.moments[self.index]

    @property
    def selected_id(self) -> int | None:
        moment = self.selected
        return moment.id if moment else None

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        moment = self.selected
        if moment is not None:
            self.post_message(self.Chosen(moment))
