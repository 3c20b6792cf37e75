"""The narrator's voice: offline speech engines, spoken forms, loudness.

Nothing here draws: scenes use it through :mod:`scenes.kit.narration` and
``ExplainerScene.say``; the command line uses :mod:`scenes.voice.engines` to check
that a voice is installed.
"""
