"""The URL fetcher that lets WeasyPrint read only the document's own files and `data:` URLs."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from vigguide.documents.images import image_bytes

_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".woff": "font/woff"}


class RefusedURLError(ValueError):
    """WeasyPrint asked for something outside the allow-list (it logs this and carries on)."""


class AllowListFetcher(URLFetcher):  # type: ignore[misc]
    """Serves exactly the files it was given and `data:` URLs; refuses everything else.

    `served` and `refused` record every URL asked for, so callers and tests can see what happened.
    """

    def __init__(self, allowed_files: Iterable[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self._allowed = frozenset(Path(path).resolve() for path in allowed_files)
        self.served: list[str] = []
        self.refused: list[str] = []

    @property
    def allowed_files(self) -> frozenset[Path]:
        return self._allowed

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            self.served.append(url[:40])
            response: URLFetcherResponse = super().fetch(url, headers)
            return response
        path = self._allowed_path(url) if scheme == "file" else None
        if path is None:
            self.refused.append(url)
            raise RefusedURLError("This document may only use its own images and fonts.")
        self.served.append(url)
        content_type = _TYPES.get(path.suffix.lower()) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        return URLFetcherResponse(
            path.as_uri(), body=image_bytes(path), headers={"Content-Type": content_type}
        )

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or parts.query:
            return None
        try:
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, ValueError):
            return None
        return path if path in self._allowed else None
