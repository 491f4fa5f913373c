"""The progress page's list of past sessions: a table model that reads the history a
page at a time as the list scrolls, and words each row once, when it is first shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from backcare_desktop.core import wording
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator
from backcare_desktop.core.local_format import session_time
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.records import SessionRecord

ModelIndex = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

MAX_TITLE_SHOWN = 120

COLUMNS = (
    N_("When"),
    N_("Routine"),
    N_("Minutes"),
    N_("Result"),
    N_("Pain before → after"),
    N_("Felt"),
)


# Qt hands data() and headerData() the role as a plain int: compared with ints, not with
# the enum members looked up anew on every call (the table asks ~10 roles per cell).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_CENTRED = {2: Qt.AlignmentFlag.AlignCenter.value, 4: Qt.AlignmentFlag.AlignCenter.value}


class SessionsModel(QAbstractTableModel):
    """Past sessions, newest first, fetched a page at a time as the list scrolls."""

    # The first page only fills the list on a tall screen; the view asks for the next
    # page itself (fetchMore) while its last row is in sight.
    FIRST_PAGE = 40
    PAGE = 100

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._store = store
        self._rows: list[SessionRecord] = []
        # Each row's cells as shown, made when the row is first asked for: the table asks
        # for the same text many times (size hints, each paint), for rows in sight only.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._total = 0
        self._short = False

    def set_short(self, short: bool) -> None:
        """Short dates, for the side panel."""
        if short != self._short:
            self._short = short
            self._texts.clear()
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def reload(self, total: int | None = None) -> None:
        """The first page again; `total`: the number of sessions done, if already read."""
        self.beginResetModel()
        self._total = self._store.session_count(done_only=True) if total is None else total
        self._rows = self._store.sessions(self.FIRST_PAGE, done_only=True)
        self._texts.clear()
        self.endResetModel()

    def record(self, row: int) -> SessionRecord:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: ModelIndex = _NO_INDEX) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = _NO_INDEX) -> None:
        more = self._store.sessions(self.PAGE, offset=len(self._rows), done_only=True)
        if more:
            self.beginInsertRows(_NO_INDEX, len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> str | None:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._tr._(COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> object:
        if role == _DISPLAY:
            return self.row_texts(index.row())[index.column()] if index.isValid() else None
        if role == _ALIGNMENT:
            return _CENTRED.get(index.column())
        if role == _TOOLTIP and index.isValid():
            # The whole row: the side panel hides some columns.
            cells = zip(COLUMNS, self.row_texts(index.row()), strict=True)
            return "\n".join(f"{self._tr._(name)}: {text}" for name, text in cells if text)
        return None

    def row_texts(self, row: int) -> tuple[str, ...]:
        """The cells of `row` as the list shows them."""
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = self._cells(self._rows[row])
        return texts

    def _cells(self, record: SessionRecord) -> tuple[str, ...]:
        tr = self._tr
        # The history file is outside our control: a title of megabytes would make every
        # size hint of the table measure all of it.
        title = record.routine_title
        return (
            session_time(self._store.local(record.started), tr, short=self._short),
            title if len(title) <= MAX_TITLE_SHOWN else title[:MAX_TITLE_SHOWN] + "…",
            str(wording.whole_minutes(record.active_seconds)),
            wording.status_text(record.status, record.exercises_done, record.exercises_total, tr),
            wording.pain_text(record.pain_before, record.pain_after),
            wording.rating_text(record.rating, tr),
        )
