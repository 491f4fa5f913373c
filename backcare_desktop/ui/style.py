"""One calm stylesheet, built from a Palette and a text scale: large type for what matters
while you follow along. Labels that need a size of their own say which with the `role`
property (`text_role`), so the text-size setting reaches them too."""

from PySide6.QtWidgets import QWidget

from backcare_desktop.ui.palette import LIGHT, Palette

# The text sizes at 100 %, in pixels, by role.
ROLE_PIXELS = {
    "question": 30,
    "offerHeadline": 28,
    "sessionQuestion": 24,
    "offerText": 17,
    "context": 16,
    "checkInHint": 15,
    "cardTitle": 14,
    "figure": 34,
    "note": 15,
}
_HINT_ROLES = ("context", "checkInHint", "cardTitle")


def text_role(widget: QWidget, role: str) -> None:
    """Size (and colour) `widget` as the stylesheet's `role` says."""
    widget.setProperty("role", role)


def stylesheet(c: Palette, scale: float = 1.0) -> str:
    def px(size: float) -> str:
        return f"{max(1, round(size * scale))}px"

    roles = "\n".join(
        f'QLabel[role="{role}"] {{ font-size: {px(size)};'
        f"{' font-weight: 600;' if role == 'figure' else ''}"
        f"{f' color: {c.hint};' if role in _HINT_ROLES else ''} }}"
        for role, size in ROLE_PIXELS.items()
    )
    return f"""
QWidget {{ font-size: {px(15)}; color: {c.text}; }}
QMainWindow, QDialog, QMessageBox, #home, #player, #summary, #checkIn,
#summary QScrollArea > QWidget > QWidget, #player QScrollArea > QWidget > QWidget,
#progressPage, #progressPage QScrollArea > QWidget > QWidget {{ background: {c.page}; }}
QMessageBox {{ border: 2px solid {c.control_border}; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
#pageTitle {{ font-size: {px(26)}; font-weight: 600; }}
#hint {{ color: {c.hint}; }}
#quickButton {{ font-size: {px(18)}; padding: 12px; background: {c.accent};
               color: {c.accent_text}; border: 2px solid {c.accent}; border-radius: 8px;
               text-align: left; }}
#quickButton:focus {{ border: 2px solid {c.accent_focus}; }}
#routineList {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
               padding: 6px; }}
#routineList:focus {{ border: 2px solid {c.accent_focus}; }}
#routineList::item {{ padding: 10px 8px; border-bottom: 1px solid {c.divider}; }}
#routineList::item:selected {{ background: {c.selected}; color: {c.selected_text}; }}
#problems {{ background: {c.problem}; border: 1px solid {c.problem_border}; border-radius: 6px;
            padding: 8px; }}
#exerciseName {{ font-size: {px(24)}; font-weight: 600; }}
#side {{ font-size: {px(20)}; font-weight: 600; color: {c.attention}; }}
#counter {{ font-size: {px(56)}; font-weight: 700; color: {c.accent}; }}
#breath {{ font-size: {px(18)}; color: {c.hint}; }}
#caption {{ font-size: {px(26)}; font-weight: 500; }}
#extraCaption {{ font-size: {px(22)}; color: {c.attention}; }}
#pausedBanner {{ font-size: {px(20)}; font-weight: 600; color: {c.attention}; }}
#getReady {{ background: {c.note}; border: 1px solid {c.note_border}; border-radius: 6px;
            padding: 8px; }}
#howTo {{ color: {c.body}; }}
#voiceNote {{ color: {c.hint}; font-size: {px(13)}; }}
#figureNote {{ color: {c.attention}; font-size: {px(13)}; }}
#nextUp {{ color: {c.hint}; }}
QProgressBar {{ border: 1px solid {c.bar_border}; border-radius: 5px; background: {c.surface};
               min-height: {px(18)}; text-align: center; color: {c.text}; }}
QProgressBar::chunk {{ background: {c.accent_soft}; border-radius: 4px; }}
QPushButton {{ padding: 7px 12px; border: 1px solid {c.control_border}; border-radius: 6px;
              background: {c.surface}; color: {c.text}; }}
QPushButton:hover {{ background: {c.hover}; }}
QPushButton:focus {{ border: 2px solid {c.accent_focus}; }}
QPushButton:disabled {{ color: {c.hint}; }}
QCheckBox:focus, QComboBox:focus, QSpinBox:focus, QSlider:focus {{
    border: 2px solid {c.accent_focus}; }}
QCheckBox::indicator {{ width: {px(16)}; height: {px(16)}; border: 2px solid {c.control_border};
    border-radius: 3px; background: {c.surface}; }}
QCheckBox::indicator:checked {{ background: {c.accent}; border-color: {c.accent};
    image: none; }}
QRadioButton::indicator {{ width: {px(14)}; height: {px(14)};
    border: 2px solid {c.control_border}; border-radius: {px(9)}; background: {c.surface}; }}
QRadioButton::indicator:checked {{ background: {c.accent}; border-color: {c.accent}; }}
QToolButton {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.control_border};
    border-radius: 4px; padding: 3px 6px; }}
QToolButton:checked {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; }}
QComboBox, QSpinBox {{ background: {c.surface}; border: 1px solid {c.control_border};
    border-radius: 4px; padding: 3px 6px; }}
QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text};
    selection-background-color: {c.selected}; selection-color: {c.selected_text}; }}
QTableView {{ background: {c.surface}; alternate-background-color: {c.stripe};
    color: {c.text}; selection-background-color: {c.selected};
    selection-color: {c.selected_text}; border: 1px solid {c.border}; }}
QHeaderView::section {{ background: {c.page}; color: {c.text}; padding: 4px;
    border: none; border-bottom: 1px solid {c.border}; }}
#summaryFigures {{ font-size: {px(20)}; font-weight: 600; color: {c.accent}; }}
#progressCard {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px; }}
#checkIn QPushButton {{ font-size: {px(22)}; padding: 10px 8px; }}
#checkIn QPushButton:checked {{ background: {c.accent}; color: {c.accent_text};
    border-color: {c.accent}; }}
#checkIn QPushButton#checkInBack, #checkIn QPushButton#checkInSkip {{ font-size: {px(15)};
    padding: 7px 12px; }}
{roles}
#player[compact="true"] #counter {{ font-size: {px(40)}; }}
#player[compact="true"] #caption {{ font-size: {px(20)}; }}
#player[compact="true"] #exerciseName {{ font-size: {px(20)}; }}
#player[compact="true"] QPushButton {{ padding: 7px 4px; }}
"""


STYLE = stylesheet(LIGHT)
