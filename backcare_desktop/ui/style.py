"""One calm stylesheet: large type for what matters while you follow along."""

from backcare_desktop.ui.palette import LIGHT, Palette


def stylesheet(c: Palette) -> str:
    return f"""
QWidget {{ font-size: 15px; color: {c.text}; }}
QMainWindow, #home, #player, #summary, #summary QScrollArea > QWidget > QWidget,
#player QScrollArea > QWidget > QWidget,
#progressPage {{ background: {c.page}; }}
#pageTitle {{ font-size: 26px; font-weight: 600; }}
#hint {{ color: {c.hint}; }}
#quickButton {{ font-size: 18px; padding: 12px; background: {c.accent}; color: {c.accent_text};
               border: none; border-radius: 8px; text-align: left; }}
#quickButton:focus {{ outline: 2px solid {c.accent_focus}; }}
#routineList {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
               padding: 6px; }}
#routineList::item {{ padding: 10px 8px; border-bottom: 1px solid {c.divider}; }}
#routineList::item:selected {{ background: {c.selected}; color: {c.selected_text}; }}
#problems {{ background: {c.problem}; border: 1px solid {c.problem_border}; border-radius: 6px;
            padding: 8px; }}
#exerciseName {{ font-size: 24px; font-weight: 600; }}
#side {{ font-size: 20px; font-weight: 600; color: {c.attention}; }}
#counter {{ font-size: 56px; font-weight: 700; color: {c.accent}; }}
#breath {{ font-size: 18px; color: {c.hint}; }}
#caption {{ font-size: 26px; font-weight: 500; }}
#extraCaption {{ font-size: 22px; color: {c.attention}; }}
#pausedBanner {{ font-size: 20px; font-weight: 600; color: {c.attention}; }}
#getReady {{ background: {c.note}; border: 1px solid {c.note_border}; border-radius: 6px;
            padding: 8px; }}
#howTo {{ color: {c.body}; }}
#voiceNote {{ color: {c.hint}; font-size: 13px; }}
#figureNote {{ color: {c.attention}; font-size: 13px; }}
#nextUp {{ color: {c.hint}; }}
QProgressBar {{ border: 1px solid {c.bar_border}; border-radius: 5px; background: {c.surface};
               height: 18px; text-align: center; }}
QProgressBar::chunk {{ background: {c.accent_soft}; border-radius: 4px; }}
QPushButton {{ padding: 7px 12px; border: 1px solid {c.control_border}; border-radius: 6px;
              background: {c.surface}; }}
QPushButton:hover {{ background: {c.hover}; }}
#summaryFigures {{ font-size: 20px; font-weight: 600; color: {c.accent}; }}
#player[compact="true"] #counter {{ font-size: 40px; }}
#player[compact="true"] #caption {{ font-size: 20px; }}
"""


STYLE = stylesheet(LIGHT)
