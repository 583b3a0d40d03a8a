"""Live previews for translators: a saved catalog in, a new draft out within a second.

``pdf`` re-renders one language's A4 draft whenever an input changes, with the gate's problems
in a banner on page 1.
"""
