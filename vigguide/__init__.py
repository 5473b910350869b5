"""vigguide: a terminal assistant for Video Interaction Guidance practitioners."""

from vigguide.__about__ import __version__

__all__ = ["__version__"]
