"""``index.html``: the full explainer and every scene, playable offline.

Plain HTML written from :mod:`string.Template` and escaped fragments, one local
style sheet and one small script (``templates/lecture.css``, ``lecture.js``),
no fonts or scripts from anywhere else. Caption and chapter tracks are inlined
as ``data:`` URLs because browsers refuse ``<track>`` files on a page opened
from disk; the embed snippets point at the ``.vtt`` files instead, which is
what a web server or learning platform wants.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from fractions import Fraction
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from PIL import Image

from scenes.lecture.captions import data_uri
from scenes.lecture.chapters import Chapter
from scenes.lecture.timing import clock, to_ms
from scenes.lecture.transcript import Line
from scenes.theme import current_theme

if TYPE_CHECKING:
    from scenes.lecture.build import FullKit, Kit, SceneKit

__all__ = ["embed_snippet", "write_page"]

TEMPLATES = files("scenes.lecture") / "templates"
NOTES_PAGE = "notes.html"  # the presenter's notes window, beside index.html
ASSETS = ("lecture.css", "lecture.js", "notes.js")

KIND_LABELS = {
    "mp4": "Video, MP4 (H.264, with chapters)",
    "webm": "Video, WebM (VP9, with chapters)",
    "captioned": "Video, MP4 with the captions burned into the picture",
    "poster": "Poster image, PNG",
    "srt": "Captions, SRT",
    "vtt": "Captions, WebVTT",
    "chapters": "Chapters, WebVTT",
    "transcript": "Transcript, plain text",
    "handout": "Handout, PDF (A4): each section's picture, narration and formulas",
}


def _palette() -> str:
    c = current_theme().color
    roles = {
        "bg": c.background,
        "text": c.text,
        "muted": c.muted,
        "faint": c.faint,
        "panel": c.panel,
        "accent": c.highlight,
        "link": c.p,
    }
    return " ".join(f"--{k}: {v.to_hex()};" for k, v in roles.items())


def _size(path: Path) -> str:
    n = path.stat().st_size
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return ""  # pragma: no cover


def _a(text: str) -> str:
    return escape(text, quote=True)


def embed_snippet(files: dict[str, str], width: int, height: int, label: str) -> str:
    """The HTML a lecturer pastes into a page or LMS, pointing at the kit's files."""
    lines = [
        f'<video controls preload="metadata" playsinline width="{width}" height="{height}"',
        f'       poster="{_a(files["poster"])}" aria-label="{_a(label)}"',
        '       style="max-width: 100%; height: auto;">',
        f'  <source src="{_a(files["mp4"])}" type="video/mp4">',
    ]
    if "webm" in files:
        lines.append(f'  <source src="{_a(files["webm"])}" type="video/webm">')
    lines += [
        f'  <track kind="captions" src="{_a(files["vtt"])}" srclang="en" label="English" default>',
        f'  <track kind="chapters" src="{_a(files["chapters"])}" srclang="en" label="Chapters">',
        f'  <a href="{_a(files["mp4"])}">Download the video</a>',
        "</video>",
    ]
    return "\n".join(lines)


def _video(
    vid: str, label: str, files: dict[str, str], captions, chapter_track, steps, fps, w, h
) -> str:
    """A player; ``steps`` are the stretches presenter mode plays one at a time, each with
    the notes and the picture the notes window shows (see :func:`_steps`)."""
    sources = [f'<source src="{_a(files["mp4"])}" type="video/mp4">']
    if "webm" in files:
        sources.append(f'<source src="{_a(files["webm"])}" type="video/webm">')
    return f"""
<div class="player" data-player data-fps="{fps}" data-chapters="{_a(json.dumps(steps))}">
  <video id="{vid}" controls preload="metadata" playsinline width="{w}" height="{h}"
         poster="{_a(files["poster"])}" aria-label="{_a(label)}">
    {"".join(sources)}
    <track kind="captions" srclang="en" label="English" default src="{_a(data_uri(captions))}">
    <track kind="chapters" srclang="en" label="Chapters" src="{_a(data_uri(chapter_track))}">
    <p>This browser cannot play the video here; <a href="{_a(files["mp4"])}">open the MP4</a>.</p>
  </video>
  <div class="presenter-bar" hidden>
    <p class="presenter-status" role="status" aria-live="polite"></p>
    <div class="presenter-buttons">
      <button type="button" data-action="back">◀ Replay</button>
      <button type="button" data-action="next">Next ▶</button>
      <button type="button" data-action="auto" aria-pressed="false">Auto-advance</button>
      <button type="button" data-action="notes">Notes window</button>
      <button type="button" data-action="fullscreen">Full screen</button>
      <button type="button" data-action="exit">Exit</button>
    </div>
  </div>
</div>
<p class="actions">
  <button type="button" class="present" data-present="{vid}">
    Present: pause after each section</button>
</p>"""


def _steps(kit: SceneKit, chapters: Sequence[Chapter] | None = None, titled: bool = False):
    """Presenter mode's steps through ``kit``'s sections (placed at ``chapters``, by default
    the scene's own): times, title, the narration as speaker notes, the section's last frame.
    ``titled`` names the scene in each title, for the full video."""
    steps = []
    for i, (c, own) in enumerate(zip(chapters or kit.chapters, kit.chapters, strict=True)):
        title = c.title
        if titled and kit.entry.title not in title:
            title = f"{kit.entry.title}: {title}"
        notes = kit.description(own, i)
        steps.append(
            {
                "start": c.start,
                "end": c.end,
                "title": title,
                "notes": notes,
                "poster": kit.stills[i],
            }
        )
    return steps


def _chapter_button(vid: str, chapter: Chapter, extra: str = "") -> str:
    note = f' <span class="note">{escape(extra)}</span>' if extra else ""
    return (
        f'<button type="button" class="seek" data-video="{vid}" data-seek="{chapter.start}">'
        f'<span class="time">{clock(chapter.start_ms)}</span> '
        f'<span class="title">{escape(chapter.title)}</span></button>{note}'
    )


def _sentences(vid: str, lines: Sequence[Line]) -> str:
    """A section's sentences, each a button that plays from where it is said."""
    items = "".join(
        f'<li><button type="button" class="seek line" data-video="{vid}" '
        f'data-seek="{to_ms(Fraction(line.start)) / 1000}">'
        f'<span class="time">{clock(to_ms(Fraction(line.start)))}</span> '
        f'<span class="title">{escape(line.text)}</span></button></li>'
        for line in lines
    )
    return f'<ol class="lines">{items}</ol>' if items else ""


def _downloads(out: Path, files: dict[str, str], label: str) -> str:
    items = "\n".join(
        f'<li><a href="{_a(path)}" download>{escape(KIND_LABELS[kind])}</a> '
        f'<span class="size">({_size(out / path)})</span></li>'
        for kind, path in files.items()
    )
    return f"""
<details class="downloads">
  <summary>Downloads <span class="visually-hidden">for {escape(label)}</span></summary>
  <ul>{items}</ul>
</details>"""


def _embed(vid: str, snippet: str, label: str) -> str:
    area = f"embed-{vid}"
    rows = snippet.count("\n") + 1
    return f"""
<details class="embed">
  <summary>Embed code <span class="visually-hidden">for {escape(label)}</span></summary>
  <label for="{area}">Paste this into a web page or a learning platform's HTML editor, with the
    files it names uploaded beside it (or change the paths to where they live).</label>
  <textarea id="{area}" rows="{rows}" readonly spellcheck="false">{escape(snippet)}</textarea>
  <p><button type="button" data-copy="{area}">Copy embed code</button>
    <span class="copy-status" role="status" aria-live="polite"></span></p>
</details>"""


def _scene_section(out: Path, kit: SceneKit) -> str:
    stem, label = kit.entry.stem, kit.heading
    vid = f"video-{stem}"
    info = kit.info
    chapters = "\n".join(f"<li>{_chapter_button(vid, c)}</li>" for i, c in enumerate(kit.chapters))
    transcript = "\n".join(
        f"<li>{_chapter_button(vid, c)}{_sentences(vid, lines)}</li>"
        for c, lines in zip(kit.chapters, kit.lines, strict=True)
    )
    formulas = ""
    if kit.formulas:
        figures = []
        for text, path in kit.formulas:
            with Image.open(out / path) as image:
                w, h = image.size
            figures.append(
                f'<li><img src="{_a(path)}" alt="{_a(text)}" width="{w // 2}" '
                f'height="{h // 2}"></li>'
            )
        formulas = f"""
<h3>Key formulas</h3>
<ul class="formulas">{"".join(figures)}</ul>"""
    takeaway = (
        f'<p class="takeaway"><strong>Takeaway:</strong> {escape(kit.notes.takeaway)}</p>'
        if kit.notes.takeaway
        else ""
    )
    hook = f'<p class="hook">{escape(kit.notes.hook)}</p>' if kit.notes.hook else ""
    video = _video(
        vid,
        label,
        kit.files,
        kit.captions,
        kit.chapter_track,
        _steps(kit),
        info.fps,
        info.width,
        info.height,
    )
    length = clock(info.duration_ms)
    return f"""
<section class="scene" id="scene-{stem}" aria-labelledby="scene-{stem}-title">
<h2 id="scene-{stem}-title">{escape(label)} <span class="length">{length}</span></h2>
{hook}
<div class="grid">
<div class="media">{video}</div>
<div class="side">
<nav aria-label="Chapters of {_a(label)}">
<h3>Chapters</h3>
<ol class="chapters">{chapters}</ol>
</nav>
</div>
</div>
{formulas}
{takeaway}
<details class="transcript">
<summary>Transcript <span class="visually-hidden">of {escape(label)}</span></summary>
<ol>{transcript}</ol>
</details>
{_downloads(out, kit.files, label)}
{_embed(vid, embed_snippet(kit.files, info.width, info.height, label), label)}
</section>"""


def _full_section(out: Path, full: FullKit, kits: list[SceneKit]) -> str:
    vid = "video-full"
    items = []
    for chapter, sections, kit in zip(full.chapters, full.sections, kits, strict=True):
        inner = "\n".join(f"<li>{_chapter_button(vid, s)}</li>" for s in sections)
        items.append(
            f"<li>{_chapter_button(vid, chapter)}"
            f'<details><summary>Sections <span class="visually-hidden">of '
            f"{escape(kit.heading)}</span></summary><ol>{inner}</ol></details></li>"
        )
    label = f"{full.title}: the full explainer"
    # Presenter mode steps through every section of every scene, as in the scenes.
    steps = [
        step
        for k, sections in zip(kits, full.sections, strict=True)
        for step in _steps(k, sections, titled=True)
    ]
    video = _video(
        vid,
        label,
        full.files,
        full.captions,
        full.chapter_track,
        steps,
        full.fps,
        full.width,
        full.height,
    )
    return f"""
<section class="scene full" id="full" aria-labelledby="full-title">
<h2 id="full-title">The full explainer <span class="length">{clock(full.duration_ms)}</span></h2>
<p class="hook">{_scenes_phrase(len(kits))} in one video, one chapter per scene.</p>
<div class="grid">
<div class="media">{video}</div>
<div class="side">
<nav aria-label="Chapters of the full explainer">
<h3>Chapters</h3>
<ol class="chapters">{"".join(items)}</ol>
</nav>
</div>
</div>
{_downloads(out, full.files, label)}
{_embed(vid, embed_snippet(full.files, full.width, full.height, label), label)}
</section>"""


def _scenes_phrase(n: int) -> str:
    return "The one scene" if n == 1 else f"All {n} scenes"


def write_page(kit: Kit) -> Path:
    """Write ``index.html`` and the notes window's page, and copy the assets into the kit."""
    out = kit.out
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        with (TEMPLATES / name).open("rb") as src, (assets / name).open("wb") as dst:
            shutil.copyfileobj(src, dst)
    # Extras are not in the full video, so the summary adds up the scenes themselves.
    total = sum(k.info.duration_ms for k in kit.scenes)
    n = len(kit.scenes)
    toc = [('<li><a href="#full">The full explainer</a></li>')] if kit.full else []
    toc += [
        f'<li><a href="#scene-{k.entry.stem}">{escape(k.heading)}</a> '
        f'<span class="length">{clock(k.info.duration_ms)}</span></li>'
        for k in kit.scenes
    ]
    summary = (
        f"{n} scene{'s' if n != 1 else ''}, {clock(total)} in all, with captions, chapters, "
        "transcripts and the key formulas. Present them in class one section at a time, "
        "download them, or embed them in your course."
    )
    page = Template((TEMPLATES / "index.html").read_text(encoding="utf-8")).substitute(
        title=escape(_title()),
        palette=_palette(),
        summary=escape(summary),
        toc="\n".join(f"        {line}" for line in toc),
        full=_full_section(out, kit.full, [k for k in kit.scenes if k.entry.part is not None])
        if kit.full
        else "",
        scenes="\n".join(_scene_section(out, k) for k in kit.scenes),
    )
    kit.index.write_text(page, encoding="utf-8")
    notes = Template((TEMPLATES / "notes.html").read_text(encoding="utf-8")).substitute(
        title=escape(_title()), palette=_palette()
    )
    (out / NOTES_PAGE).write_text(notes, encoding="utf-8")
    return kit.index


def _title() -> str:
    from scenes.lecture.build import KIT_TITLE

    return KIT_TITLE
