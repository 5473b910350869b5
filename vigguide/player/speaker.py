"""Sound through pygame's mixer: a clip's PCM played from any point, stopped on any pause.

The picture follows the wall clock, which the mixer also consumes samples by; the sound is
restarted from the exact film time whenever playing starts again (after a pause, a jump, a still
or a speed change), skipping ahead by the mixer's buffer so what is heard matches what is seen.
Slow motion is silent (no pitch-kept stretching).
"""

from __future__ import annotations

import os

import pygame

from vigguide.player.audio import ClipSound
from vigguide.player.env import quiet_stderr

MIXER_RATE = 48000
MIXER_BUFFER = 1024  # samples: about 21 ms of latency at 48 kHz


class Speaker:
    """The sound device, or none (then the player is silent and says so)."""

    def __init__(self) -> None:
        self.problem = ""
        self.rate = MIXER_RATE
        self.channels = 2
        self._channel: pygame.mixer.Channel | None = None
        self._sound: ClipSound | None = None
        self._playing_from: float | None = None
        try:
            with quiet_stderr():
                pygame.mixer.init(frequency=MIXER_RATE, size=-16, channels=2, buffer=MIXER_BUFFER)
            got = pygame.mixer.get_init()
        except pygame.error:
            got = None
        if not got:
            self.problem = "No sound device was found, so the clip plays without sound."
            return
        self.rate, _, self.channels = got
        self.channels = 2 if self.channels >= 2 else 1
        if os.environ.get("SDL_AUDIODRIVER") == "dummy":
            self.problem = "Sound goes to no device (SDL_AUDIODRIVER=dummy)."
        self._channel = pygame.mixer.Channel(0)

    @property
    def available(self) -> bool:
        return self._channel is not None

    @property
    def latency_s(self) -> float:
        """How far behind the clock the sound may be heard: the mixer's buffer."""
        return MIXER_BUFFER / self.rate if self.available else 0.0

    def use(self, sound: ClipSound | None) -> None:
        self.stop()
        self._sound = sound

    def play_from(self, t: float) -> None:
        """Start the sound at film time `t` (restarts it if it was playing).

        What is queued now is heard one mixer buffer later, so the sound starts that much further
        on: the sample heard at each moment is the one for the picture on screen.
        """
        if self._channel is None or self._sound is None:
            return
        self._channel.stop()
        pcm = self._sound.from_time(t + self.latency_s)
        if not pcm:
            self._playing_from = None
            return
        self._channel.play(pygame.mixer.Sound(buffer=pcm))
        self._playing_from = t

    def stop(self) -> None:
        if self._channel is not None:
            self._channel.stop()
        self._playing_from = None

    @property
    def playing(self) -> bool:
        return self._playing_from is not None

    def close(self) -> None:
        self.stop()
        if pygame.mixer.get_init():
            pygame.mixer.quit()
