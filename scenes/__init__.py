"""Manim scenes, their shared kit and the `explainer` command line."""

__version__ = "0.1.0"
