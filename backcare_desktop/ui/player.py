"""The player: the moving figure, the cue in large text, counters, bars and controls.

It draws EngineStates and forwards intents; it keeps no counts of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.engine import EngineState
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.timeline import ExerciseSpan, Timeline
from backcare_desktop.storage.settings import SettingsChange, SettingsModel
from backcare_desktop.ui.announce import Announce, announce
from backcare_desktop.ui.controls import Control, ControlGrid
from backcare_desktop.ui.dialogs import open_returning_focus
from backcare_desktop.ui.illustration import IllustrationWidget
from backcare_desktop.ui.palette import Palette
from backcare_desktop.ui.rich_text import escape
from backcare_desktop.ui.session import SessionController
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.widgets import fitting

# Below this width the figure goes above the text: the "side panel" layout.
COMPACT_WIDTH = 760
BAR_STEPS = 100  # whole percents: the bar repaints only when its text changes


class MuteSwitch(Protocol):
    """The owner of the mute state (the narrator): the player shows it and asks it."""

    @property
    def muted(self) -> bool: ...

    def set_muted(self, muted: bool) -> None: ...

    def subscribe_muted(self, listener: Callable[[bool], object]) -> Unsubscribe: ...

    @property
    def audible(self) -> bool:
        """Whether cues are being spoken (not muted, and the voice works)."""
        ...


class PlayerPage(QWidget):
    """Shows one session: draws EngineStates and forwards the person's intents."""

    fullscreen_toggled = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        announcer: Announce = announce,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("player")
        self.setAccessibleName(tr._("Session player"))
        self.announcer = announcer
        self._unsubscribe_settings: Unsubscribe | None = None
        self._reduced_motion = False
        self.controller: SessionController | None = None
        self._timeline: Timeline | None = None
        self._shown: dict[str, object] = {}
        self._confirm: QMessageBox | None = None
        self._mute: MuteSwitch | None = None
        self._unsubscribe_mute: Unsubscribe | None = None

        self.exercise_name = self._label("exerciseName", wrap=True)
        self.side = self._label("side")
        self.figure = IllustrationWidget(tr=tr)
        self.figure.setMinimumSize(240, 140)
        self.figure.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counter = self._label("counter", wrap=True)
        self.breath = self._label("breath")
        self.caption = self._label("caption", wrap=True)
        self.extra = self._label("extraCaption")
        self.ready = self._label("getReady", wrap=True)
        self.ready.setTextFormat(Qt.TextFormat.RichText)
        self.howto = self._label("howTo", wrap=True)
        self.howto.setTextFormat(Qt.TextFormat.RichText)
        self.paused = self._label("pausedBanner")
        self.paused.setText(tr._("Paused. Press Space to carry on."))
        self.paused.setAccessibleName(tr._("Paused"))
        self.paused.hide()
        self.voice_note = self._label("voiceNote", wrap=True)
        self.voice_note.hide()
        # A pose file that is missing or broken: the figure stands still; say why.
        self.figure_note = self._label("figureNote", wrap=True)
        self.figure_note.hide()
        self.figure.problem_changed.connect(self._show_figure_problem)
        self.exercise_bar = self._bar("exerciseBar", tr._("This exercise"))
        self.session_bar = self._bar("sessionBar", tr._("Whole routine"))
        self.next_up = self._label("nextUp", wrap=True)

        text = QVBoxLayout()
        text.addWidget(self.counter)
        text.addWidget(self.breath)
        text.addWidget(self.caption)
        text.addWidget(self.extra)
        text.addWidget(self.ready)
        text.addWidget(self.howto)
        text.addStretch(1)
        text_box = QWidget()
        text_box.setLayout(text)
        text_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.figure, 3)
        # As tall as the text needs (the figure gives way); long instructions scroll
        # rather than being cut off on a small screen.
        self.text_area = fitting(text_box)
        self.text_area.setAccessibleName(tr._("Cue and instructions"))
        self.text_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(self.text_area, 2)

        head = QHBoxLayout()
        head.addWidget(self.exercise_name, 1)
        head.addWidget(self.side)

        self.controls = ControlGrid(self, self._controls())
        self.buttons = self.controls.buttons
        self.shortcut_actions = self.controls.actions

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        # The wide layout is wider than a side panel; let the window shrink so that the
        # resize can switch to the compact layout, which fits.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumWidth(380)
        layout.addLayout(head)
        # Under the name, not in the text: it must show however long the text is.
        layout.addWidget(self.paused)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.figure_note)
        layout.addWidget(self.voice_note)
        layout.addWidget(self.exercise_bar)
        layout.addWidget(self.session_bar)
        layout.addWidget(self.next_up)
        layout.addLayout(self.controls)
        self.controls.place(compact=False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _controls(self) -> list[Control]:
        def intent(name: str) -> Callable[[], None]:
            return lambda: self._intent(name)

        tr = self._tr
        return [
            Control(
                "back",
                tr._("◀ Back"),
                "Left",
                tr._("Previous exercise, or restart this one"),
                intent("previous_exercise"),
            ),
            Control(
                "pause", tr._("Pause"), "Space", tr._("Pause or carry on"), intent("toggle_pause")
            ),
            Control(
                "next",
                tr._("Next ▶"),
                "Right",
                tr._("Skip to the next exercise"),
                intent("next_exercise"),
            ),
            Control(
                "restart",
                tr._("Restart"),
                "R",
                tr._("Start this exercise again"),
                intent("restart_exercise"),
            ),
            Control(
                "mute",
                tr._("Mute"),
                "M",
                tr._("Mute or unmute the voice (captions stay)"),
                self.toggle_mute,
            ),
            Control(
                "fullscreen",
                tr._("Full screen"),
                "F",
                tr._("Full screen on or off"),
                self.fullscreen_toggled.emit,
            ),
            Control("stop", tr._("Stop"), "Esc", tr._("Stop the session"), self.ask_stop),
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
        bar.setAccessibleName(label)
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
        controller.cue.connect(self._on_cue)
        controller.set_continuous(not self._reduced_motion)

    def detach(self) -> None:
        if self.controller is not None:
            self.controller.frame.disconnect(self.show_state)
            self.controller.cue.disconnect(self._on_cue)
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
        self.buttons["mute"].setText(self._tr._("Unmute") if muted else self._tr._("Mute"))

    def _on_cue(self, text: str) -> None:
        # A screen reader says the cue when the voice does not (muted, or no voice).
        if self._mute is None or not self._mute.audible:
            self.announcer(self.caption, text)

    def use_theme(self, theme: Theme) -> None:
        """Draw the figure in `theme`'s colours, now and whenever it changes."""
        theme.changed.connect(self._show_palette)
        self._show_palette(theme.palette)

    def _show_palette(self, palette: Palette) -> None:
        self.figure.set_colours(palette.scene)
        # A new text size changes how many buttons fit a row.
        self.controls.place(compact=self.property("compact") is True, width=self.width())

    def use_settings(self, settings: SettingsModel) -> None:
        """Follow the reduced-motion setting of `settings` (read now and on each change)."""
        if self._unsubscribe_settings is not None:
            self._unsubscribe_settings()
        self._unsubscribe_settings = settings.subscribe(self._on_settings_changed)
        self._set_reduced_motion(settings.current.reduced_motion)

    def _on_settings_changed(self, change: SettingsChange) -> None:
        if change.changed("reduced_motion"):
            self._set_reduced_motion(change.after.reduced_motion)

    def _set_reduced_motion(self, reduced: bool) -> None:
        self._reduced_motion = reduced
        self.figure.set_still(reduced)
        if self.controller is not None:
            self.controller.set_continuous(not reduced)

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
            self._tr._("Stop this session?"),
            self._tr._(
                "Stop now? The exercises you finished are kept; the rest of the routine is skipped."
            ),
            parent=self,
        )
        stop = box.addButton(self._tr._("Stop"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self._tr._("Keep going"), QMessageBox.ButtonRole.RejectRole)
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
        open_returning_focus(box, self.window())

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
            self.text_area.updateGeometry()

    def show_state(self, state: EngineState) -> None:
        step = state.step
        self.figure.show_step(step, state.step_fraction)
        span = state.exercise
        if self._shown.get("span") is not span:
            self._shown["span"] = span
            self._show_exercise(span)
        # The words change with the step, the count, an extra cue or the next exercise
        # only: most of the 30 frames a second change none of them.
        words = (step, state.countdown, state.extra_cue, state.next_exercise_name, span)
        if self._shown.get("words") != words:
            self._shown["words"] = words
            self._show_words(state)
        # The bars move a whole percent a few times a second, not every frame.
        bars = (
            round(state.exercise_fraction * BAR_STEPS),
            round(state.session_fraction * BAR_STEPS),
        )
        if self._shown.get("bars") != bars:
            self._shown["bars"] = bars
            self.exercise_bar.setValue(bars[0])
            self.session_bar.setValue(bars[1])
        paused = state.status == "paused"
        if self._shown.get("paused") != paused:
            self._shown["paused"] = paused
            self.paused.setVisible(paused)
            self.text_area.updateGeometry()
            self.buttons["pause"].setText(self._tr._("Carry on") if paused else self._tr._("Pause"))

    def _show_words(self, state: EngineState) -> None:
        step, tr = state.step, self._tr
        self._set(self.side, "side", wording.side_text(step.side, tr))
        self._set(
            self.counter,
            "counter",
            wording.counter_text(state.countdown, step.rep, step.reps, tr),
        )
        self._set(self.breath, "breath", wording.breath_text(step.breath, tr))
        self._set(self.caption, "caption", step.cue)
        self._set(self.extra, "extra", state.extra_cue)
        ready = step.kind == "get-ready"
        if self._shown.get("ready") != ready:
            self._shown["ready"] = ready
            self.ready.setVisible(ready and bool(self.ready.text()))
            self.text_area.updateGeometry()
        following = (
            tr._("Next: {exercise}").format(exercise=state.next_exercise_name)
            if state.next_exercise_name
            else (tr._("Last exercise") if state.exercise is not None else "")
        )
        self._set(self.next_up, "next", following)

    def _show_exercise(self, span: ExerciseSpan | None) -> None:
        if span is None:
            self.exercise_name.setText(self._tr._("All done"))
            self.ready.setText("")
            self.howto.setText("")
            return
        ex = span.exercise
        tr = self._tr
        total = len(self._timeline.spans) if self._timeline else 0
        # Non-breaking spaces: a narrow window wraps the name, never "2 / of 6".
        nbsp = "\u00a0"
        place = tr._("{number} of {total}").format(number=span.index + 1, total=total)
        self.exercise_name.setText(f"{ex.name}{nbsp * 2}·{nbsp * 2}{place.replace(' ', nbsp)}")
        # Position words are capitalised as headings; English lowers them here, and German
        # nouns ("Im Stehen") read fine either way, so only English is lowered.
        position = wording.position_text(ex.position, tr)
        if tr.language == "en":
            position = position.lower()
        parts = [tr._("<b>Start:</b> {position}").format(position=escape(position))]
        needs = escape(wording.equipment_text(ex.equipment, tr))
        parts.append(tr._("<b>You need:</b> {equipment}").format(equipment=needs))
        if ex.avoid_if:
            avoid = escape(wording.avoid_text(ex.avoid_if, tr))
            parts.append(
                tr._("<b>Skip this one with</b> {conditions} (press Right).").format(
                    conditions=avoid
                )
            )
        # The two labels are rich text for the bold and the list; what a file supplies
        # goes in escaped, so it is shown as written and never interpreted.
        parts += [f"⚠ {escape(c)}" for c in ex.cautions]
        self.ready.setText("<br>".join(parts))
        steps = "".join(f"<li>{escape(s)}</li>" for s in ex.steps)
        self.howto.setText(f"<ol style='margin-left:0px'>{steps}</ol>")

    def resizeEvent(self, event: QResizeEvent) -> None:
        compact = event.size().width() < COMPACT_WIDTH
        was = self.property("compact")
        if was != compact:
            self.body.setDirection(
                QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
            )
            self.howto.setVisible(not compact)
            # Side panel: the figure takes what the text leaves; wide: they share.
            self.body.setStretch(0, 1 if compact else 3)
            self.body.setStretch(1, 0 if compact else 2)
            # In the side panel the figure may shrink further: the words come first.
            self.figure.setMinimumHeight(90 if compact else 140)
            self.setProperty("compact", compact)
            # The stylesheet has rules for [compact="true"]: make it look again, when they
            # start or stop matching (not on the first wide resize, unset to false: the
            # first `style()` asked from Python costs ~0.9 MB, PySide's QStyle type).
            if bool(was) != compact:
                for widget in (self, *self.controls.buttons.values()):
                    widget.style().unpolish(widget)
                    widget.style().polish(widget)
        self.controls.place(compact=compact, width=event.size().width())
        super().resizeEvent(event)
        self.text_area.updateGeometry()

    def set_controls_enabled(self, enabled: bool) -> None:
        for action in self.shortcut_actions.values():
            action.setEnabled(enabled)
