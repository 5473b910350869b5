"""media layer."""

from vigguide.media.typed_ffmpeg import prepare as _prepare_typed_ffmpeg

_prepare_typed_ffmpeg()  # before any module here imports `ffmpeg`
