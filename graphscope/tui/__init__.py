"""``graphscope show``: a Textual terminal UI over the query API.

The pure parts (filter queries, history, neighbourhood layout, box drawing, braille
plots) import no Textual; :mod:`graphscope.tui.app` holds the App itself.
"""
