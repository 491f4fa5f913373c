"""Text put into Qt's rich text (labels, tool tips), made safe to show as it is."""

from __future__ import annotations


def escape(text: str) -> str:
    """`html.escape(text)`, without importing `html` and its entity tables (0.3 MB held by
    every window that imports it)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
