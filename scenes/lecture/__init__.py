"""The lecture kit: one self-contained folder a lecturer can open from disk or serve.

``explainer lecture --out DIR`` renders the scenes and hands them to
:func:`scenes.lecture.build.build_kit`, which writes per scene an mp4 and a webm
with chapter markers and the scene's sound, a poster and each section's last
frame, captions (SRT and WebVTT), a chapters track and a timed transcript; the
full explainer joined into one chaptered mp4 with its sound and captions in
step; optionally PDF handouts and copies with the captions burned in; and
``index.html``, which plays everything offline and has a presenter mode that
pauses at the end of every section, with a notes window and auto-advance.

The modules are small and independent:

``timing``    exact times (fractions of a second) and their rounding to milliseconds
``captions``  SRT in, SRT and WebVTT out, shifted and joined (webvtt-py)
``chapters``  sections and scenes as chapters: WebVTT chapter tracks and mp4 markers
``media``     PyAV: probe, remux with chapters, join, webm, posters, repaint
``audio``     each scene's sound fitted to its picture, joined and encoded
``transcript`` the narration sentence by sentence, timed
``notes``     a dry run of a scene: its narration, beats and key formulas
``handout``   the PDF handouts, typeset by Typst (``templates/handout.typ``)
``burn``      captions drawn into the picture
``page``      index.html and notes.html from the templates and static assets
``build``     the whole folder, from rendered scenes
"""
