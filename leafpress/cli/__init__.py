"""The command line: ``render.py`` and ``python -m leafpress``; each group of commands in a module."""

from .main import main

__all__ = ["main"]
