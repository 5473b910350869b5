"""Hostile text in any field prints as text: no markup, no file read, no network, no attachment."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docfixtures as fx
import jinja2
import pdfcheck
import pytest

from vigguide import documents
from vigguide.documents import pdf as pdf_module
from vigguide.documents import render as render_module
from vigguide.documents.environment import render_html
from vigguide.documents.fetcher import AllowListFetcher, RefusedURLError

PAYLOADS = (
    "<b>bold</b><script>alert(1)</script>",
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///etc/hostname">',
    '<base href="file:///etc/">',
    '<style>@import url("file:///etc/passwd"); body{background:url(http://example.invalid/a.png)}</style>',
    '"><img src=x onerror=alert(1)>',
    "url(file:///etc/passwd)",
    '@import "http://example.invalid/evil.css";',
    '</p></div><svg><image href="file:///etc/passwd"/></svg>',
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
)


def poison(value: object, counter: list[int]) -> object:
    """The same value with every string (at any depth) replaced by a numbered payload."""
    if isinstance(value, str):
        counter[0] += 1
        return f"{PAYLOADS[counter[0] % len(PAYLOADS)]} #{counter[0]}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: poison(getattr(value, f.name), counter) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(poison(item, counter) for item in value)
    return value


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


@pytest.fixture
def fetchers(monkeypatch: pytest.MonkeyPatch) -> list[AllowListFetcher]:
    """Keeps each real fetcher a render uses, to see what WeasyPrint asked it for."""
    made: list[AllowListFetcher] = []
    real = render_module.make_fetcher

    def keep(images):
        fetcher = real(images)
        made.append(fetcher)
        return fetcher

    monkeypatch.setattr(render_module, "make_fetcher", keep)
    return made


def documents_to_render(stills: list[Path], logo: Path):
    return [
        ("summary", fx.summary_six_stills(stills, logo), documents.render_summary),
        ("insert", fx.insert(stills, logo), documents.render_insert),
        ("ending", fx.ending(stills, logo), documents.render_ending),
        ("reminder", fx.filming_reminder(logo), documents.render_filming_reminder),
        ("note", fx.progress_note(logo), documents.render_progress_note),
    ]


@pytest.mark.parametrize("index", range(5), ids=["summary", "insert", "ending", "reminder", "note"])
def test_payloads_in_every_field_print_as_literal_text(index, stills, logo, export_dir, fetchers):
    name, data, render = documents_to_render(stills, logo)[index]
    poisoned = poison(data, [index * 3])
    if name == "note":  # the clinical record names the service, not the family's lifeline
        service = dataclasses.replace(poisoned.service, team="", phone="")
        poisoned = dataclasses.replace(poisoned, service=service)

    pdf = render(poisoned, export_dir / "out.pdf")

    text = pdfcheck.text_of(pdf)
    missing = [s for s in strings_in(poisoned) if not pdfcheck.contains(text, s)]
    # A set of integers or dates is not text; every string the practitioner typed must be there.
    assert missing == []
    assert "49" not in pdfcheck.squash(text).replace("#49", "")
    assert not pdfcheck.has_attachments(pdf)

    (fetcher,) = fetchers
    assert fetcher.refused == []
    allowed_uris = {path.as_uri() for path in fetcher.allowed_files}
    assert set(fetcher.served) <= allowed_uris
    own_images = {p for p in fetcher.allowed_files if p.suffix in (".jpg", ".png")}
    assert len(pdfcheck.unique_images(pdf)) == len(own_images)


def raw_pdf(html: str, fetcher: AllowListFetcher) -> bytes:
    return pdf_module.html_to_pdf(html, fetcher)


def test_the_fetcher_guards_weasyprint_even_against_raw_html(tmp_path, stills):
    """Second line of defence: if markup ever got through, nothing outside the allow-list loads."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    other_image = stills[1]
    html = f"""<html><head>
      <link rel="attachment" href="{secret.as_uri()}">
      <link rel="stylesheet" href="http://example.invalid/evil.css">
      <style>@import url("{secret.as_uri()}"); p {{ background: url("{other_image.as_uri()}") }}</style>
      </head><body><p>Hello</p>
      <img src="{other_image.as_uri()}"><img src="{stills[0].as_uri()}">
      <img src="{stills[0].as_uri()}?x=1"><img src="http://example.invalid/x.png">
      <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">
      </body></html>"""
    fetcher = pdf_module.make_fetcher([stills[0]])

    pdf_bytes = raw_pdf(html, fetcher)
    out = tmp_path / "raw.pdf"
    out.write_bytes(pdf_bytes)

    assert secret.as_uri() in fetcher.refused
    assert other_image.as_uri() in fetcher.refused
    assert "http://example.invalid/evil.css" in fetcher.refused
    assert "http://example.invalid/x.png" in fetcher.refused
    assert stills[0].as_uri() in fetcher.served
    assert any(url.startswith("data:image/gif") for url in fetcher.served)
    assert not pdfcheck.has_attachments(out)
    assert b"TOP SECRET" not in pdf_bytes
    assert sorted(pdfcheck.unique_images(out).values()) == [(1, 1), (1600, 900)]


def test_fetcher_refuses_paths_that_only_look_allowed(tmp_path, stills):
    fetcher = AllowListFetcher([stills[0]])
    sneaky = [
        stills[0].parent.as_uri() + "/../" + stills[0].parent.name + "/" + stills[1].name,
        "file://otherhost" + str(stills[0]),
        "ftp://example.invalid/x.jpg",
        "https://example.invalid/x.jpg",
        "file:///etc/passwd",
    ]
    for url in sneaky:
        with pytest.raises(RefusedURLError):
            fetcher.fetch(url)
    assert fetcher.refused == sneaky
    allowed = stills[0].parent.as_uri() + "/./" + stills[0].name
    assert fetcher.fetch(allowed).read() == stills[0].read_bytes()


def test_missing_template_variable_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        render_html("summary.html", service=fx.service(None), title="t", subject="s", footer="f")


def test_markup_in_text_is_escaped_in_the_html(stills, logo):
    data = dataclasses.replace(fx.summary(stills[:1], logo), learned="<script>x</script> & <b>")
    html = render_html("summary.html", **render_module.summary_context(data))
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "<script>" not in html
