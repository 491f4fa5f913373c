"""The health note, acknowledged once on first run."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator

HEALTH_NOTE = N_(
    "BackCare guides gentle stretches. It is not a diagnosis or a treatment plan.\n\n"
    "• If you have back pain, an injury, a health condition or are pregnant, check with a "
    "doctor or physiotherapist before you start.\n"
    "• Move slowly and only as far as is comfortable. Stop at once if you feel sharp, "
    "shooting or worsening pain, numbness or tingling.\n"
    "• Each exercise lists who should skip it (for example, knee problems or pregnancy)."
)


def health_note_box(parent: QWidget, tr: Translator = ENGLISH_TRANSLATOR) -> QMessageBox:
    """A window-modal box; the caller opens it and records the acknowledgement."""
    box = QMessageBox(
        QMessageBox.Icon.Information, tr._("Before you start"), tr._(HEALTH_NOTE), parent=parent
    )
    box.setObjectName("healthNote")
    ok = box.addButton(tr._("I understand"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    return box
