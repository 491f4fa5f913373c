"""The player: the moving figure, the cue in large text, counters, bars and controls.

It draws EngineStates and forwards intents; it keeps no counts of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.engine import EngineState
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.timeline import ExerciseSpan, Timeline
from backcare_desktop.ui.illustration import IllustrationWidget
from backcare_desktop.ui.session import SessionController
from backcare_desktop.ui.widgets import scrolling

# Below this width the figure goes above the text: the "side panel" layout.
COMPACT_WIDTH = 760
BAR_STEPS = 100  # whole percents: the bar repaints only when its text changes


class MuteSwitch(Protocol):
    """The owner of the mute state (the narrator): the player shows it and asks it."""

    @property
    def muted(self) -> bool: ...

    def set_muted(self, muted: bool) -> None: ...

    def subscribe_muted(self, listener: Callable[[bool], object]) -> Unsubscribe: ...


class PlayerPage(QWidget):
    """Shows one session: draws EngineStates and forwards the person's intents."""

    fullscreen_toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self.controller: SessionController | None = None
        self._timeline: Timeline | None = None
        self._shown: dict[str, object] = {}
        self._confirm: QMessageBox | None = None
        self._mute: MuteSwitch | None = None
        self._unsubscribe_mute: Unsubscribe | None = None

        self.exercise_name = self._label("exerciseName", wrap=True)
        self.side = self._label("side")
        self.figure = IllustrationWidget()
        self.figure.setMinimumSize(240, 170)
        self.figure.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counter = self._label("counter")
        self.breath = self._label("breath")
        self.caption = self._label("caption", wrap=True)
        self.extra = self._label("extraCaption")
        self.ready = self._label("getReady", wrap=True)
        self.ready.setTextFormat(Qt.TextFormat.RichText)
        self.howto = self._label("howTo", wrap=True)
        self.howto.setTextFormat(Qt.TextFormat.RichText)
        self.paused = self._label("pausedBanner")
        self.paused.setText("Paused. Press Space to carry on.")
        self.paused.hide()
        self.voice_note = self._label("voiceNote", wrap=True)
        self.voice_note.hide()
        # A pose file that is missing or broken: the figure stands still; say why.
        self.figure_note = self._label("figureNote", wrap=True)
        self.figure_note.hide()
        self.figure.problem_changed.connect(self._show_figure_problem)
        self.exercise_bar = self._bar("exerciseBar", "This exercise")
        self.session_bar = self._bar("sessionBar", "Whole routine")
        self.next_up = self._label("nextUp", wrap=True)

        text = QVBoxLayout()
        text.addWidget(self.counter)
        text.addWidget(self.breath)
        text.addWidget(self.caption)
        text.addWidget(self.extra)
        text.addWidget(self.paused)
        text.addWidget(self.ready)
        text.addWidget(self.howto)
        text.addStretch(1)
        text_box = QWidget()
        text_box.setLayout(text)
        text_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.figure, 3)
        # Long instructions scroll rather than being cut off on a small screen.
        self.body.addWidget(scrolling(text_box), 2)

        head = QHBoxLayout()
        head.addWidget(self.exercise_name, 1)
        head.addWidget(self.side)

        self.buttons: dict[str, QPushButton] = {}
        self.shortcut_actions: dict[str, QAction] = {}
        self.controls = QGridLayout()
        self.controls.setHorizontalSpacing(6)
        for key, label, shortcut, tip, slot in self._controls():
            button = QPushButton(label)
            button.setObjectName(f"{key}Button")
            button.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
            # Buttons never take the keyboard focus: Space must pause, not "click".
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            action = QAction(tip, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.buttons[key], self.shortcut_actions[key] = button, action

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        # The wide layout is wider than a side panel; let the window shrink so that the
        # resize can switch to the compact layout, which fits.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumWidth(380)
        layout.addLayout(head)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.figure_note)
        layout.addWidget(self.voice_note)
        layout.addWidget(self.exercise_bar)
        layout.addWidget(self.session_bar)
        layout.addWidget(self.next_up)
        layout.addLayout(self.controls)
        self._place_controls(compact=False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _controls(self) -> list[tuple[str, str, str, str, Callable[[], None]]]:
        return [
            (
                "back",
                "◀ Back",
                "Left",
                "Previous exercise, or restart this one",
                lambda: self._intent("previous_exercise"),
            ),
            ("pause", "Pause", "Space", "Pause or carry on", lambda: self._intent("toggle_pause")),
            (
                "next",
                "Next ▶",
                "Right",
                "Skip to the next exercise",
                lambda: self._intent("next_exercise"),
            ),
            (
                "restart",
                "Restart",
                "R",
                "Start this exercise again",
                lambda: self._intent("restart_exercise"),
            ),
            ("mute", "Mute", "M", "Mute or unmute the voice (captions stay)", self.toggle_mute),
            (
                "fullscreen",
                "Full screen",
                "F",
                "Full screen on or off",
                self.fullscreen_toggled.emit,
            ),
            ("stop", "Stop", "Esc", "Stop the session", self.ask_stop),
        ]

    def _label(self, name: str, *, wrap: bool = False) -> QLabel:
        label = QLabel()
        # Plain unless said otherwise: names, cues and steps come from a person's files.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        return label

    def _bar(self, name: str, label: str) -> QProgressBar:
        bar = QProgressBar()
        bar.setObjectName(name)
        bar.setRange(0, BAR_STEPS)
        bar.setFormat(f"{label}  %p%")
        bar.setTextVisible(True)
        return bar

    # -- session ---------------------------------------------------------------------

    def attach(self, controller: SessionController) -> None:
        self.detach()
        self.controller = controller
        self._timeline = controller.engine.timeline
        self._shown.clear()
        # Framing per exercise from all its poses: the figure keeps one size throughout.
        self.figure.set_exercise_poses(
            {s.exercise.id: s.exercise.pose_ids() for s in self._timeline.spans}
        )
        controller.frame.connect(self.show_state)

    def detach(self) -> None:
        if self.controller is not None:
            self.controller.frame.disconnect(self.show_state)
            self.controller = None
        self._close_confirm()

    def _intent(self, name: str) -> None:
        if self.controller is not None and self._confirm is None:
            getattr(self.controller, name)()

    def use_mute(self, switch: MuteSwitch) -> None:
        """Show, and change, the mute state `switch` owns (the player keeps no copy)."""
        if self._unsubscribe_mute is not None:
            self._unsubscribe_mute()
        self._mute = switch
        self._unsubscribe_mute = switch.subscribe_muted(self._show_muted)
        self._show_muted(switch.muted)

    def toggle_mute(self) -> None:
        if self._mute is not None:
            self._mute.set_muted(not self._mute.muted)

    def _show_muted(self, muted: bool) -> None:
        self.buttons["mute"].setText("Unmute" if muted else "Mute")

    def _show_figure_problem(self, text: str) -> None:
        self.figure_note.setText(text)
        self.figure_note.setVisible(bool(text))

    def show_voice_note(self, text: str) -> None:
        self.voice_note.setText(text)
        self.voice_note.setVisible(bool(text))

    # -- stop, asked first -----------------------------------------------------------

    def ask_stop(self) -> None:
        if self.controller is None or self._confirm is not None:
            return
        engine = self.controller.engine
        if engine.status not in ("running", "paused"):
            return
        was_running = engine.status == "running"
        if was_running:
            self.controller.toggle_pause()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Stop this session?",
            "Stop now? The exercises you finished are kept; the rest of the routine is skipped.",
            parent=self,
        )
        stop = box.addButton("Stop", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stop)
        box.setObjectName("confirmStop")

        def answered() -> None:
            self._confirm = None
            controller = self.controller
            if controller is None:
                return
            if box.clickedButton() is stop:
                controller.stop()
            elif was_running and controller.engine.status == "paused":
                controller.toggle_pause()

        box.finished.connect(answered)
        self._confirm = box
        box.open()

    def _close_confirm(self) -> None:
        if self._confirm is not None:
            box, self._confirm = self._confirm, None
            box.done(0)

    # -- drawing ---------------------------------------------------------------------

    def _set(self, label: QLabel, key: str, value: str) -> None:
        # Only touch a label when its text changes: setText relayouts the page.
        if self._shown.get(key) != value:
            self._shown[key] = value
            label.setText(value)
            label.setVisible(bool(value))

    def show_state(self, state: EngineState) -> None:
        step = state.step
        self.figure.show_step(step, state.step_fraction)
        span = state.exercise
        if self._shown.get("span") is not span:
            self._shown["span"] = span
            self._show_exercise(span)
        self._set(self.side, "side", wording.side_text(step.side))
        self._set(
            self.counter, "counter", wording.counter_text(state.countdown, step.rep, step.reps)
        )
        self._set(self.breath, "breath", wording.breath_text(step.breath))
        self._set(self.caption, "caption", step.cue)
        self._set(self.extra, "extra", state.extra_cue)
        ready = step.kind == "get-ready"
        if self._shown.get("ready") != ready:
            self._shown["ready"] = ready
            self.ready.setVisible(ready and bool(self.ready.text()))
        self.exercise_bar.setValue(round(state.exercise_fraction * BAR_STEPS))
        self.session_bar.setValue(round(state.session_fraction * BAR_STEPS))
        following = (
            f"Next: {state.next_exercise_name}"
            if state.next_exercise_name
            else ("Last exercise" if span is not None else "")
        )
        self._set(self.next_up, "next", following)
        paused = state.status == "paused"
        if self._shown.get("paused") != paused:
            self._shown["paused"] = paused
            self.paused.setVisible(paused)
            self.buttons["pause"].setText("Carry on" if paused else "Pause")

    def _show_exercise(self, span: ExerciseSpan | None) -> None:
        if span is None:
            self.exercise_name.setText("All done")
            self.ready.setText("")
            self.howto.setText("")
            return
        ex = span.exercise
        total = len(self._timeline.spans) if self._timeline else 0
        self.exercise_name.setText(f"{ex.name}  ·  {span.index + 1} of {total}")
        parts = [f"<b>Start:</b> {wording.position_text(ex.position).lower()}"]
        parts.append(f"<b>You need:</b> {wording.needs_text(ex.equipment)}")
        if ex.avoid_if:
            avoid = wording.avoid_text(ex.avoid_if)
            parts.append(f"<b>Skip this one with</b> {avoid} (press Right).")
        # The two labels are rich text for the bold and the list; what a file supplies
        # goes in escaped, so it is shown as written and never interpreted.
        parts += [f"⚠ {escape(c)}" for c in ex.cautions]
        self.ready.setText("<br>".join(parts))
        steps = "".join(f"<li>{escape(s)}</li>" for s in ex.steps)
        self.howto.setText(f"<ol style='margin-left:-20px'>{steps}</ol>")

    def _place_controls(self, *, compact: bool) -> None:
        # One row on a wide window; two rows in the side panel, so nothing is cut off.
        per_row = 4 if compact else len(self.buttons)
        for n, button in enumerate(self.buttons.values()):
            self.controls.addWidget(button, n // per_row, n % per_row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        compact = event.size().width() < COMPACT_WIDTH
        if self.property("compact") != compact:
            self.body.setDirection(
                QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
            )
            self.howto.setVisible(not compact)
            self._place_controls(compact=compact)
            self.setProperty("compact", compact)
            # The stylesheet has rules for [compact="true"]: make it look again.
            self.style().unpolish(self)
            self.style().polish(self)
        super().resizeEvent(event)

    def set_controls_enabled(self, enabled: bool) -> None:
        for action in self.shortcut_actions.values():
            action.setEnabled(enabled)
