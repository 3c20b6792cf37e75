"""Extra scenes on neighbouring topics, outside the numbered twelve.

Every module here is a scene: ``explainer new SLUG`` writes one from the template
(:mod:`scenes.scaffold`), and the registry lists it by file name, after part 12,
without importing it. See ``scenes/GUIDE.md``.
"""
