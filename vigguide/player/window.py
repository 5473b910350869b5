"""The player window (SDL through pygame-ce): draws what PlayerCore shows, plays the sound, and turns
keys, clicks and touches into the core's actions.

All the decisions (which frame, where to stop, how fast) are the core's; this file only draws.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # (after hiding its greeting, above)

from vigguide.media.ffmpeg_run import FONT_PATH
from vigguide.media.probe import ProbeInfo
from vigguide.player.audio import decode_sound
from vigguide.player.controls import (
    HELP_LINE,
    Button,
    action_for,
    bar_height,
    buttons,
    clock_text,
    fit_long_edge,
    picture_area,
    wrap,
)
from vigguide.player.core import Opener, PlayerCore
from vigguide.player.env import NoDisplay, display_available
from vigguide.player.model import Mode
from vigguide.player.plan import PlayPlan
from vigguide.player.speaker import Speaker

_SPEED_TEXT = {1.0: "", 0.5: " · ½× slow motion, no sound", 0.25: " · ¼× slow motion, no sound"}
_POSITION_ACTIONS = {
    "toggle", "step_on", "step_back", "jump_on_1", "jump_back_1", "jump_on_10", "jump_back_10",
    "back_5", "slower", "faster", "replay", "next_clip", "previous_clip",
}  # fmt: skip


class PlayerWindow:
    """One window playing one plan. `run()` until closed; tests call `pump()` with their own clock."""

    def __init__(
        self,
        plan: PlayPlan,
        opener: Opener,
        *,
        display: int = 0,
        fullscreen: bool = False,
        size: tuple[int, int] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if not display_available():
            raise NoDisplay("There is no display to open the player window on.")
        self.clock = clock
        self.plan = plan
        self._opener = opener
        try:
            pygame.display.init()
            pygame.font.init()
            count = pygame.display.get_num_displays()
            self.display = display if 0 <= display < count else 0
            desk_w, desk_h = pygame.display.get_desktop_sizes()[self.display]
            self.windowed = size or (min(1280, desk_w * 9 // 10), min(800, desk_h * 9 // 10))
            self.fullscreen = fullscreen
            self.screen = self._open()
        except (pygame.error, IndexError) as exc:
            pygame.quit()
            raise NoDisplay(f"The player window could not be opened ({exc}).") from None
        pygame.display.set_caption(f"vigguide · case {plan.case_ref} · cycle {plan.cycle}")
        self.fonts: dict[int, pygame.font.Font] = {}
        self._layers: dict[str, tuple[object, pygame.Surface, tuple[int, int]]] = {}
        self.speaker = Speaker()
        self.core = PlayerCore(plan, opener, sizer=self._fit)
        self._sound_for: int | None = None  # the clip whose sound is loaded (after its picture)
        self.running = False
        self.show_help = False
        self.first_frame_at: float | None = None
        self.on_first_frame: Callable[[], None] | None = None
        self._drawn: tuple[object, ...] | None = None

    # -- the loop ----------------------------------------------------------------------------

    def run(self, *, autoplay: bool = True) -> None:
        self.running = True
        self.pump(self.clock())  # the first picture on screen, then the sound
        self._load_sound()
        if autoplay:
            self.perform("toggle", self.clock())
        try:
            while self.running:
                self.pump(self.clock())
                if self.core.model.mode in (Mode.PLAYING, Mode.HELD):
                    pygame.time.wait(2)
                else:
                    event = pygame.event.wait(100)
                    if event.type != pygame.NOEVENT:
                        pygame.event.post(event)
        finally:
            self.close()

    def pump(self, now: float) -> None:
        """Handle waiting events, move the clock to `now`, and redraw if anything changed."""
        for event in pygame.event.get():
            self.handle(event, now)
        changed = self.core.update(now)
        self._sync_sound(restart=False)
        state = self._state()
        if changed or state != self._drawn:
            self.draw()
            self._drawn = state

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.KEYDOWN:
            shift = bool(event.mod & pygame.KMOD_SHIFT)
            action = action_for(pygame.key.name(event.key), shift)
            if action:
                self.perform(action, now)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.click(event.pos, now)
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.screen = pygame.display.get_surface() or self.screen
            self.core.refit()
            self._drawn = None

    def click(self, pos: tuple[int, int], now: float) -> None:
        w, h = self.screen.get_size()
        for button in self._buttons(w, h):
            if button.hit(*pos):
                self.perform(button.action, now)
                return
        self.perform("toggle", now)  # a tap on the picture plays or pauses

    def perform(self, action: str, now: float) -> None:
        core = self.core
        last = core.index + 1 >= len(self.plan.clips)
        if action == "toggle" and core.model.mode is Mode.ENDED and not last:
            action = "next_clip"
            core.go_to_clip(core.index + 1, now)
            core.toggle(now)
        elif action == "toggle":
            core.toggle(now)
        elif action in ("step_on", "step_back"):
            core.step(1 if action == "step_on" else -1, now)
        elif action.startswith("jump_") or action == "back_5":
            seconds = 5.0 if action == "back_5" else float(action.rsplit("_", 1)[1])
            core.jump(-seconds if "back" in action else seconds, now)
        elif action in ("slower", "faster", "replay"):
            getattr(core, action)(now)
        elif action in ("next_clip", "previous_clip"):
            core.go_to_clip(core.index + (1 if action == "next_clip" else -1), now)
        elif action == "fullscreen":
            self.fullscreen = not self.fullscreen
            self._reopen()
        elif action == "next_display":
            self.display = (self.display + 1) % max(1, pygame.display.get_num_displays())
            self._reopen()
        elif action == "help":
            self.show_help = not self.show_help
        elif action == "close":
            self.running = False
        if action in _POSITION_ACTIONS:
            self._sync_sound(restart=True)

    def close(self) -> None:
        self.running = False
        self.core.close()
        self.speaker.close()
        pygame.quit()

    # -- drawing -----------------------------------------------------------------------------

    def draw(self) -> None:
        screen = self.screen
        w, h = screen.get_size()
        area_w, area_h = picture_area(w, h)
        screen.fill((0, 0, 0))
        image = self.core.shown.image
        picture = pygame.image.frombuffer(image.tobytes(), image.size, "RGB")
        self.picture_rect = picture.get_rect(center=(area_w // 2, area_h // 2))
        screen.blit(picture, self.picture_rect)
        self._blit_layer("status", self._status_text(), lambda text: self._status(text, w))
        caption = self.core.model.caption
        if caption:
            self._blit_layer(
                "caption", (caption, w, h), lambda key: self._caption(caption, w, h - bar_height(h))
            )
        if self.show_help:
            self._blit_layer("help", (w, h), lambda _: self._help(w, h))
        model = self.core.model
        key = (w, h, model.mode is Mode.PLAYING, model.speed)
        self._blit_layer("buttons", key, lambda _: self._button_bar(w, h))
        pygame.display.flip()
        if self.first_frame_at is None:
            self.first_frame_at = self.clock()
            if self.on_first_frame is not None:
                self.on_first_frame()

    def _blit_layer(
        self,
        name: str,
        key: object,
        make: Callable[[object], tuple[pygame.Surface, tuple[int, int]]],
    ) -> None:
        """Draw a layer over the picture, re-rendering it only when what it shows has changed."""
        cached = self._layers.get(name)
        if cached is None or cached[0] != key:
            cached = (key, *make(key))
            self._layers[name] = cached
        self.screen.blit(cached[1], cached[2])

    def _font(self, size: int) -> pygame.font.Font:
        if size not in self.fonts:
            self.fonts[size] = pygame.font.Font(str(FONT_PATH), size)
        return self.fonts[size]

    def _status_text(self) -> str:
        core, model = self.core, self.core.model
        clip = core.clip
        text = (
            f"{self.plan.label(core.index)} · {clip.title} · "
            f"{clock_text(model.into_clip_s())} / {clock_text(clip.end_s - clip.start_s)}"
            f"{_SPEED_TEXT.get(model.speed, '')}"
        )
        if model.mode is Mode.ENDED:
            nxt = core.index + 2
            text += (
                f" · end of the clip: Space for clip {nxt}"
                if nxt <= len(self.plan.clips)
                else " · end of the clip: r to replay"
            )
        if self.speaker.problem:
            text += " · no sound device"
        return text

    def _status(self, text: object, width: int) -> tuple[pygame.Surface, tuple[int, int]]:
        font = self._font(max(14, self.screen.get_height() // 40))
        label = font.render(str(text), True, (235, 235, 235))
        band = pygame.Surface((width, label.get_height() + 8), pygame.SRCALPHA)
        band.fill((0, 0, 0, 150))
        band.blit(label, (8, 4))
        return band, (0, 0)

    def _caption(
        self, caption: str, area_w: int, area_h: int
    ) -> tuple[pygame.Surface, tuple[int, int]]:
        font = self._font(max(24, area_h // 12))
        lines = wrap(caption, lambda line, width: font.size(line)[0] <= width, area_w * 9 // 10)
        height = font.get_linesize() * len(lines) + 24
        band = pygame.Surface((area_w, height), pygame.SRCALPHA)
        band.fill((0, 0, 0, 190))
        y = 12
        for line in lines:
            label = font.render(line, True, (255, 255, 210))
            band.blit(label, label.get_rect(midtop=(area_w // 2, y)))
            y += font.get_linesize()
        return band, (0, area_h - height)

    def _help(self, w: int, h: int) -> tuple[pygame.Surface, tuple[int, int]]:
        font = self._font(max(16, h // 32))
        lines = wrap(HELP_LINE, lambda line, width: font.size(line)[0] <= width, w * 9 // 10)
        band = pygame.Surface((w, font.get_linesize() * len(lines) + 16), pygame.SRCALPHA)
        band.fill((0, 0, 0, 200))
        for n, line in enumerate(lines):
            label = font.render(line, True, (235, 235, 235))
            band.blit(label, label.get_rect(midtop=(w // 2, 8 + n * font.get_linesize())))
        return band, (0, h // 12)

    def _buttons(self, w: int, h: int) -> tuple[Button, ...]:
        model = self.core.model
        return buttons(w, h, playing=model.mode is Mode.PLAYING, speed=model.speed)

    def _button_bar(self, w: int, h: int) -> tuple[pygame.Surface, tuple[int, int]]:
        font = self._font(max(18, bar_height(h) // 3))
        bar = bar_height(h)
        layer = pygame.Surface((w, bar), pygame.SRCALPHA)
        for button in self._buttons(w, h):
            x, y, bw, bh = button.rect
            rect = pygame.Rect(x, y - (h - bar), bw, bh)
            pygame.draw.rect(layer, (40, 46, 56, 215), rect, border_radius=12)
            label = font.render(button.label, True, (255, 255, 255))
            layer.blit(label, label.get_rect(center=rect.center))
        return layer, (0, h - bar)

    # -- internals ---------------------------------------------------------------------------

    def _state(self) -> tuple[object, ...]:
        m = self.core.model
        size = self.screen.get_size()
        return (m.mode, m.caption, m.speed, self.core.index, size, self.show_help)

    def _fit(self, info: ProbeInfo) -> int:
        area_w, area_h = picture_area(*self.screen.get_size())
        return fit_long_edge(info.width, info.height, area_w, area_h)

    def _open(self) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN, display=self.display)
        return pygame.display.set_mode(self.windowed, pygame.RESIZABLE, display=self.display)

    def _reopen(self) -> None:
        self.screen = self._open()
        self.core.refit()
        self._drawn = None

    def _load_sound(self) -> None:
        """Decode the clip's sound (when it is first needed, so the picture comes first)."""
        sound = None
        self._sound_for = self.core.index
        if self.speaker.available:
            clip = self.core.clip
            with self._opener(clip.vault_id) as source:
                sound = decode_sound(
                    source,
                    clip.start_s,
                    clip.end_s,
                    rate=self.speaker.rate,
                    channels=self.speaker.channels,
                )
        self.speaker.use(sound)

    def _sync_sound(self, *, restart: bool) -> None:
        model = self.core.model
        if model.sound_on and self._sound_for != self.core.index:
            self._load_sound()
            restart = True
        if model.sound_on and (restart or not self.speaker.playing):
            self.speaker.play_from(model.position_s)
        elif not model.sound_on and self.speaker.playing:
            self.speaker.stop()
