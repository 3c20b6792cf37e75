"""The kit's page in a real browser: Debian's headless chromium, driven by Playwright.

The page is opened from file:// (as a lecturer opens it from a USB stick) and
from a plain static server. The tests skip only when no chromium is installed
on a developer's machine; under CI (``CI`` set) a missing browser fails, since
``make test`` installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
]


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: `make test` runs the test-system-deps step)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    _need(Path(CHROMIUM).exists(), f"no chromium at {CHROMIUM}: `apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "Python Playwright is not installed: pip install -e '.[dev]'")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()


class Visit:
    """A page of the kit with everything it logs and requests recorded."""

    def __init__(self, context, url: str, root: str):
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: (
                None if r.url.startswith((root, "data:", "blob:")) else self.outside.append(r.url)
            ),
        )
        self.page.goto(url)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, arg=None, timeout: float = 15_000):
        self.page.wait_for_function(expression, arg=arg, timeout=timeout)

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser_context, kit):
    opened = []

    def _visit(url: str | None = None, root: str | None = None) -> Visit:
        base = kit.out.resolve().as_uri() + "/"
        v = Visit(browser_context, url or base + "index.html", root or base)
        opened.append(v)
        return v

    yield _visit
    for v in opened:
        assert v.errors == [], "console errors"
        assert v.outside == [], "requests that leave the folder"
        v.close()


ALL_LOADED = """() => [...document.querySelectorAll('video')].every(
    v => v.readyState >= 1 && v.duration > 0 &&
         [...v.textTracks].every(t => t.cues && t.cues.length > 0))"""


def _check_loaded(v: Visit, kit) -> None:
    v.wait(ALL_LOADED)
    videos = v.js(
        """() => [...document.querySelectorAll('video')].map(v => ({
            id: v.id, duration: v.duration,
            tracks: [...v.textTracks].map(t => [t.kind, t.language, t.cues.length])}))"""
    )
    expected = {"video-full": kit.full.duration_ms / 1000}
    expected |= {f"video-{s.entry.stem}": s.info.duration_ms / 1000 for s in kit.scenes}
    assert {x["id"] for x in videos} == set(expected)
    for x in videos:
        assert x["duration"] == pytest.approx(expected[x["id"]], abs=0.05)
        kinds = {kind: cues for kind, _, cues in x["tracks"]}
        assert kinds["captions"] > 0
        chapters = kit.full.chapters if x["id"] == "video-full" else None
        if chapters is None:
            chapters = next(s.chapters for s in kit.scenes if x["id"] == f"video-{s.entry.stem}")
        assert kinds["chapters"] == len(chapters)
        assert all(lang == "en" for _, lang, _ in x["tracks"])


def test_videos_and_tracks_load_from_file(visit, kit):
    _check_loaded(visit(), kit)


def test_videos_and_tracks_load_from_a_static_server(visit, kit):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(kit.out))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        root = f"http://127.0.0.1:{server.server_address[1]}/"
        v = visit(root + "index.html", root)
        _check_loaded(v, kit)
        v.close()
    finally:
        server.shutdown()
        server.server_close()


def test_clicking_a_chapter_seeks_to_its_start(visit, kit):
    v = visit()
    v.wait(ALL_LOADED)
    scene = kit.scenes[0]
    vid = f"video-{scene.entry.stem}"
    for chapter in (scene.chapters[2], scene.chapters[1]):
        button = v.page.locator(f'button.seek[data-video="{vid}"][data-seek="{chapter.start}"]')
        button.first.click()
        v.wait(
            "([id, t]) => Math.abs(document.getElementById(id).currentTime - t) < 0.001",
            [vid, chapter.start],
        )
        v.wait("el => el.getAttribute('aria-current') === 'true'", button.first.element_handle())
    # The full video's list seeks to a scene's start.
    second = kit.full.chapters[1]
    v.page.locator(
        f'button.seek[data-video="video-full"][data-seek="{second.start}"]'
    ).first.click()
    v.wait(
        "t => Math.abs(document.getElementById('video-full').currentTime - t) < 0.001",
        second.start,
    )


def test_presenter_mode_pauses_at_the_first_section_boundary(visit, kit):
    v = visit()
    v.wait(ALL_LOADED)
    scene = kit.scenes[0]
    vid = f"video-{scene.entry.stem}"
    frame = 1 / float(scene.info.fps)
    boundary = scene.chapters[0].end
    # Keyboard only: focus the Present button and press Enter.
    v.page.focus(f'button[data-present="{vid}"]')
    v.page.keyboard.press("Enter")
    player = f".player:has(#{vid})"
    v.page.wait_for_selector(f'{player}[data-state="waiting"]', timeout=15_000)
    state = v.js(
        "id => { const el = document.getElementById(id); return [el.paused, el.currentTime,"
        " el.closest('.player').dataset.section, el.controls] }",
        vid,
    )
    paused, at, section, controls = state
    assert paused and section == "0" and not controls
    assert boundary - frame <= at <= boundary
    # The picture and its sound are one media element: pausing it silences the voice too.
    assert v.js("id => document.getElementById(id).webkitAudioDecodedByteCount", vid) > 0
    # The space bar plays the next section; Escape leaves presenter mode.
    v.page.keyboard.press("Space")
    v.page.wait_for_selector(f'{player}[data-section="1"][data-state="playing"]')
    v.page.keyboard.press("Escape")
    v.wait(
        "id => !document.getElementById(id).closest('.player').classList.contains('presenting')",
        vid,
    )
    assert v.js("id => document.getElementById(id).paused", vid)


def _watch(page, errors: list[str]) -> None:
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))


def test_notes_window_follows_the_presentation_and_drives_it(visit, kit):
    v = visit()
    v.wait(ALL_LOADED)
    scene = kit.scenes[0]
    vid = f"video-{scene.entry.stem}"
    player = f".player:has(#{vid})"
    v.page.click(f'button[data-present="{vid}"]')
    v.page.wait_for_selector(f'{player}[data-state="waiting"]', timeout=15_000)
    with v.page.expect_popup() as opened:
        v.page.keyboard.press("n")  # N opens the notes window
    notes = opened.value
    errors: list[str] = []
    _watch(notes, errors)
    notes.wait_for_selector('[data-notes][data-section="0"]')

    def field(name: str) -> str:
        return notes.locator(f'[data-field="{name}"]').inner_text()

    assert notes.url.endswith("/notes.html")
    assert field("count") == f"Section 1 of {len(scene.chapters)}"
    assert field("title") == scene.chapters[0].title
    assert field("notes") == scene.notes.beats[0].narration
    assert field("next") == scene.chapters[1].title
    poster = notes.locator('[data-field="poster"]')
    assert poster.get_attribute("src") == scene.stills[1]
    notes.wait_for_function(
        "() => document.querySelector('[data-field=poster]').naturalWidth === 160"
    )
    # Elapsed time runs from when the presentation started (a second ago or more by now).
    notes.wait_for_function(
        "() => /^0:0[1-9]$/.test(document.querySelector('[data-field=elapsed]').textContent)"
    )
    # Its Next button plays the next section on the page, and the notes follow.
    notes.click('button[data-command="next"]')
    v.page.wait_for_selector(f'{player}[data-section="1"][data-state="playing"]')
    notes.wait_for_selector('[data-notes][data-section="1"]')
    assert field("count") == f"Section 2 of {len(scene.chapters)}"
    assert field("notes") == scene.notes.beats[1].narration
    assert notes.locator('[data-field="poster"]').get_attribute("src") == scene.stills[2]
    # Leaving presenter mode tells the notes window.
    v.page.keyboard.press("Escape")
    notes.wait_for_selector('[data-notes][data-presenting="false"]')
    notes.close()
    assert errors == []


def test_auto_advance_plays_every_section_through_and_loops(visit, kit):
    v = visit()
    v.wait(ALL_LOADED)
    scene = kit.scenes[0]
    vid = f"video-{scene.entry.stem}"
    player = f".player:has(#{vid})"
    v.js(
        "id => { const el = document.getElementById(id); window.pauses = 0;"
        " el.addEventListener('pause', () => window.pauses++); }",
        vid,
    )
    v.page.click(f'button[data-present="{vid}"]')
    v.page.keyboard.press("a")
    assert v.page.get_attribute(f'{player} [data-action="auto"]', "aria-pressed") == "true"
    last = len(scene.chapters) - 1
    v.page.wait_for_selector(f'{player}[data-section="{last}"][data-state="playing"]')
    # At the end it starts again from the first section, still playing.
    v.wait(
        "id => { const el = document.getElementById(id); return el.currentTime < 0.5 &&"
        " el.closest('.player').dataset.section === '0' && !el.paused && el.played.length }",
        vid,
    )
    assert v.js("() => window.pauses") == 0
    assert "auto-advance" in v.page.inner_text(f"{player} .presenter-status")
    v.page.keyboard.press("a")  # off again: it pauses at the next section end
    v.page.wait_for_selector(f'{player}[data-state="waiting"]', timeout=15_000)
