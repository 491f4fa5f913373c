"""The progress view's charts, drawn with QPainter in the theme's colours: the week's goal
dots, the calendar of recent weeks, and pain before and after sessions over time."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.local_format import month_name
from backcare_desktop.storage.stats import DayCount, PainPoint
from backcare_desktop.ui.palette import LIGHT, Palette


class _Painted(QWidget):
    """A chart drawn from the theme's palette, its axis text scaled with the text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colours = LIGHT
        self.scale = 1.0
        self._tr = ENGLISH_TRANSLATOR

    def use_translator(self, tr: Translator) -> None:
        """Axis words (weekdays, months) in `tr`'s language."""
        self._tr = tr
        self.update()

    def show_theme(self, palette: Palette, scale: float) -> None:
        self.colours, self.scale = palette, scale
        self.update()

    def axis_font(self) -> QFont:
        # Axis labels a step smaller than the text around them, so the data leads.
        font = QFont(self.font())
        font.setPixelSize(round(12 * self.scale))
        return font


class GoalDots(_Painted):
    """One dot per session of the weekly goal, filled as sessions are done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done, self.goal = 0, 3
        self.setMinimumHeight(26)

    def set_counts(self, done: int, goal: int) -> None:
        self.done, self.goal = done, goal
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(26 * max(self.done, self.goal), 26)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = 9.0
        accent = QColor(self.colours.accent)
        for n in range(max(self.done, self.goal)):
            centre = QPointF(radius + 2 + n * (2 * radius + 6), self.height() / 2)
            painter.setPen(QPen(accent, 2))
            painter.setBrush(accent if n < self.done else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, radius, radius)
        painter.end()


class CalendarChart(_Painted):
    """Recent weeks as columns, Monday at the top, one cell per day: filled = a session."""

    CELL, GAP, LEFT, TOP = 16.0, 4.0, 28.0, 18.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[DayCount, ...] = ()
        self.today = date.today()
        # The drawn cells (see _stamps), for the device ratio and colours they were made in.
        self._stamp_key: tuple[float, ...] | None = None
        self._stamp_images: list[QPixmap] = []
        self._fit()

    # The label margins grow with the text size; the cells keep theirs, so twelve weeks
    # still fit a side panel at 200 %.
    @property
    def left(self) -> float:
        return self.LEFT * self.scale

    @property
    def top(self) -> float:
        return self.TOP * self.scale

    def _fit(self) -> None:
        weeks = (len(self.days) + 6) // 7 or 1
        step = self.CELL + self.GAP
        self.setMinimumSize(int(self.left + weeks * step), int(self.top + 7 * step))

    def show_theme(self, palette: Palette, scale: float) -> None:
        super().show_theme(palette, scale)
        self._fit()

    def set_days(self, days: tuple[DayCount, ...], today: date) -> None:
        self.days, self.today = days, today
        self._fit()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.days:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = QColor(self.colours.text)
        painter.setFont(self.axis_font())
        painter.setPen(text)
        step = self.CELL + self.GAP
        # TRANSLATORS: the calendar's row labels, Monday, Wednesday, Friday, Sunday.
        names = self._tr._("Mo We Fr Su").split()
        for row, name in zip((0, 2, 4, 6), names, strict=False):
            painter.drawText(
                QRectF(0, self.top + row * step, self.left - 4, self.CELL),
                Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        first = self.days[0].day
        for column, month in month_columns([d.day for d in self.days]):
            painter.setPen(text)
            painter.drawText(
                QRectF(self.left + column * step, 0, 4 * step, self.top - 2),
                Qt.AlignmentFlag.AlignBottom,
                month_name(month, self._tr),
            )
        # Colours made from the palette's names, not copied from a QColor per cell: PySide
        # tries QColor's other constructors before the copy (~25 K instructions a copy,
        # 2 M for the 84 cells of the first paint).
        one_session = QColor(self.colours.accent)
        one_session.setAlphaF(0.7)
        # By sessions that day: none, one, more.
        brushes = (QColor(self.colours.empty_cell), one_session, QColor(self.colours.accent))
        left, top, cell = self.left, self.top, self.CELL
        stamps = self._stamps(brushes, painter)
        painter.setPen(Qt.PenStyle.NoPen)
        # The pen and brush set only when they change (the today cell alone has a pen):
        # each call from Python costs more than the cell's drawing.
        today_pen, shown = QPen(text, 1.5), -1
        for day in self.days:
            column, row = (day.day - first).days // 7, day.day.weekday()
            kind = min(day.sessions, 2)
            x, y = left + column * step, top + row * step
            today = day.day == self.today
            if stamps is not None and not today:
                painter.drawPixmap(QPointF(x, y), stamps[kind])
                continue
            if kind != shown:
                painter.setBrush(brushes[kind])
                shown = kind
            if today:
                painter.setPen(today_pen)
            painter.drawRoundedRect(QRectF(x, y, cell, cell), 3, 3)
            if today:
                painter.setPen(Qt.PenStyle.NoPen)
        painter.end()

    def _stamps(self, brushes: tuple[QColor, ...], painter: QPainter) -> list[QPixmap] | None:
        """One drawn cell per colour, to be copied where each day goes, or None when the
        cells do not all start on whole device pixels (a text size or a screen scale that
        puts them between pixels: they are drawn one by one there).

        Antialiasing a rounded square costs far more than copying one, and on whole pixels
        the copy is the same pixels as drawing it in place (the same coverage, blended the
        same way): 84 cells of 16 px were ~5 M instructions of the first paint.
        """
        ratio = painter.device().devicePixelRatioF()
        step = self.CELL + self.GAP
        edges = (self.left * ratio, self.top * ratio, step * ratio, self.CELL * ratio)
        if any(edge != int(edge) for edge in edges):
            return None
        key = (ratio, *(brush.rgba() for brush in brushes))
        if self._stamp_key != key:
            size = int(self.CELL * ratio)
            stamps = []
            for brush in brushes:
                # A pixmap, not a QImage: the app has made PySide's QPixmap type already,
                # and making the QImage type (with its enums) costs more than the cells.
                stamp = QPixmap(size, size)
                stamp.setDevicePixelRatio(ratio)
                stamp.fill(Qt.GlobalColor.transparent)
                drawing = QPainter(stamp)
                drawing.setRenderHint(QPainter.RenderHint.Antialiasing)
                drawing.setPen(Qt.PenStyle.NoPen)
                drawing.setBrush(brush)
                drawing.drawRoundedRect(QRectF(0, 0, self.CELL, self.CELL), 3, 3)
                drawing.end()
                stamps.append(stamp)
            self._stamp_key, self._stamp_images = key, stamps
        return self._stamp_images


class PainChart(_Painted):
    """Pain 0-10 (up is worse) before (warm) and after (teal) each session, over time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: tuple[PainPoint, ...] = ()
        self.first, self.last = date.today(), date.today()
        self.setMinimumSize(260, 150)

    def set_points(self, points: tuple[PainPoint, ...], first: date, last: date) -> None:
        self.points, self.first, self.last = points, first, last
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = QColor(self.colours.text)
        painter.setFont(self.axis_font())
        label_h = 16 * self.scale
        area = QRectF(self.rect()).adjusted(26 * self.scale, 8, -8, -(label_h + 4))
        span = max((self.last - self.first).days, 1)

        # The area's edges read once: four calls into Qt for every point were most of
        # the cost of the ~120 dots of twelve weeks.
        left, width, bottom, height = area.left(), area.width(), area.bottom(), area.height()
        first = self.first

        def at(day: date, pain: float) -> QPointF:
            return QPointF(left + width * (day - first).days / span, bottom - height * pain / 10)

        grid = QColor(self.colours.text)  # not QColor(text): see CalendarChart.paintEvent
        grid.setAlphaF(0.25)
        for level in (0, 5, 10):
            y = at(self.first, level).y()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - label_h / 2, 20 * self.scale, label_h),
                Qt.AlignmentFlag.AlignRight,
                str(level),
            )
        # The first day, each month's 1st between, and today by its date: the current
        # month is always named.
        below = area.bottom() + 4
        painter.drawText(
            QRectF(area.left(), below, 120, label_h),
            Qt.AlignmentFlag.AlignLeft,
            _day_month(self.first, self._tr),
        )
        painter.drawText(
            QRectF(area.right() - 120, below, 120, label_h),
            Qt.AlignmentFlag.AlignRight,
            _day_month(self.last, self._tr),
        )
        room = 60 * self.scale  # no month name over the end labels
        for month in month_starts(self.first, self.last):
            x = at(month, 0).x()
            if area.left() + room < x < area.right() - room:
                painter.drawText(
                    QRectF(x - 30, below, 60, label_h),
                    Qt.AlignmentFlag.AlignHCenter,
                    month_name(month, self._tr),
                )
        if not self.points:
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._tr._("Check in before and after a session\nto see your back over time."),
            )
            painter.end()
            return
        befores = [(p.day, p.before) for p in self.points if p.before is not None]
        afters = [(p.day, p.after) for p in self.points if p.after is not None]
        # A few check-ins: join the dots. Many: the dots stay faint and a line through the
        # weekly means carries the trend, since a daily zig-zag hides it.
        smooth = len(self.points) > 14
        for name, points in ((self.colours.warm, befores), (self.colours.accent, afters)):
            colour = QColor(name)
            line_points = _weekly_means(points) if smooth else points
            path = QPainterPath()
            for n, (day, pain) in enumerate(line_points):
                if n:
                    path.lineTo(at(day, pain))
                else:
                    path.moveTo(at(day, pain))
            painter.setPen(QPen(colour, 2.5 if smooth else 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            dot = QColor(name)
            dot.setAlphaF(0.35 if smooth else 1.0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(dot)
            for day, pain in points:
                painter.drawEllipse(at(day, pain), 3.0 if smooth else 3.5, 3.0 if smooth else 3.5)
        painter.end()


def _day_month(day: date, tr: Translator) -> str:
    return f"{day.day} {month_name(day, tr)}"


def month_starts(first: date, last: date) -> list[date]:
    """The 1st of each month after `first`, up to `last`."""
    starts: list[date] = []
    month = date(first.year, first.month, 1)
    while True:
        month = (month + timedelta(days=32)).replace(day=1)
        if month > last:
            return starts
        starts.append(month)


def month_columns(days: list[date]) -> list[tuple[int, date]]:
    """Which calendar columns (weeks from days[0]) are labelled with which month: each
    column where a month begins, and the first column unless a month begins too close
    to it to leave room for both names. The current month is always named, even
    before its first Monday."""
    if not days:
        return []
    first = days[0]
    labels = [((d - first).days // 7, d) for d in days if d.day == 1 and (d - first).days // 7 > 0]
    if not labels or labels[0][0] > 2:
        labels.insert(0, (0, first))
    return labels


def _weekly_means(points: list[tuple[date, int]]) -> list[tuple[date, float]]:
    """The mean of each ISO week's points, placed at the middle of that week's points."""
    weeks: dict[tuple[int, int], list[tuple[date, int]]] = {}
    for day, pain in points:
        weeks.setdefault(day.isocalendar()[:2], []).append((day, pain))
    means = []
    for members in weeks.values():
        middle = members[0][0] + (members[-1][0] - members[0][0]) / 2
        means.append((middle, sum(p for _, p in members) / len(members)))
    return means


def pain_range(points: tuple[PainPoint, ...], first: date, today: date) -> date:
    """Where the pain chart starts: at the first check-in shown (a little before), so a
    new user's first week fills the chart, but never less than two weeks back."""
    if points:
        first = max(first, points[0].day - timedelta(days=2))
    return min(first, today - timedelta(days=14))
