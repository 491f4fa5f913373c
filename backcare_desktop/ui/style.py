"""One calm stylesheet: large type for what matters while you follow along."""

STYLE = """
QWidget { font-size: 15px; color: #1f2a30; }
QMainWindow, #home, #player, #summary, #summary QScrollArea > QWidget > QWidget,
#player QScrollArea > QWidget > QWidget,
#progressPage { background: #f6f4ef; }
#pageTitle { font-size: 26px; font-weight: 600; }
#hint { color: #53636b; }
#quickButton { font-size: 18px; padding: 12px; background: #2f7d6d; color: white;
               border: none; border-radius: 8px; text-align: left; }
#quickButton:focus { outline: 2px solid #1b4d43; }
#routineList { background: white; border: 1px solid #d9d4c7; border-radius: 8px; padding: 6px; }
#routineList::item { padding: 10px 8px; border-bottom: 1px solid #eee9dd; }
#routineList::item:selected { background: #dcefe9; color: #10231e; }
#problems { background: #fff3d6; border: 1px solid #e7c56b; border-radius: 6px; padding: 8px; }
#exerciseName { font-size: 24px; font-weight: 600; }
#side { font-size: 20px; font-weight: 600; color: #8a4b12; }
#counter { font-size: 56px; font-weight: 700; color: #2f7d6d; }
#breath { font-size: 18px; color: #53636b; }
#caption { font-size: 26px; font-weight: 500; }
#extraCaption { font-size: 22px; color: #8a4b12; }
#pausedBanner { font-size: 20px; font-weight: 600; color: #8a4b12; }
#getReady { background: #fff8e8; border: 1px solid #ecd9a8; border-radius: 6px; padding: 8px; }
#howTo { color: #34444c; }
#voiceNote { color: #53636b; font-size: 13px; }
#figureNote { color: #8a4b12; font-size: 13px; }
#nextUp { color: #53636b; }
QProgressBar { border: 1px solid #cfc8b8; border-radius: 5px; background: white;
               height: 18px; text-align: center; }
QProgressBar::chunk { background: #8cc5b7; border-radius: 4px; }
QPushButton { padding: 7px 12px; border: 1px solid #bfb7a5; border-radius: 6px;
              background: white; }
QPushButton:hover { background: #eef6f3; }
#summaryFigures { font-size: 20px; font-weight: 600; color: #2f7d6d; }
#player[compact="true"] #counter { font-size: 40px; }
#player[compact="true"] #caption { font-size: 20px; }
"""
