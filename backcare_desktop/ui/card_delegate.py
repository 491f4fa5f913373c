"""The home list's routine card: the title in bold, then the description and the facts.

Each card's text is laid out once per width (three QTextLayouts: plain text, so nothing a
person writes is read as markup); its size is kept, and the layouts of the cards last
drawn, so sizing a card and painting it reuse one layout. The colour comes from the
palette at paint time, so selecting a card lays out nothing.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

PADDING = 8
MIN_TEXT_WIDTH = 200
KEPT_LAYOUTS = 64  # more cards than the tallest screen shows at once


class CardLayout:
    """A card's three parts ("title\\ndescription\\nfacts") wrapped at `width` pixels."""

    def __init__(self, text: str, font: QFont, width: int) -> None:
        title, _, rest = text.partition("\n")
        description, _, facts = rest.partition("\n")
        title_font = QFont(font)
        title_font.setBold(True)
        # As tall as before the layouts were kept: 1.2 times a pixel-sized font, else 18 px.
        size = font.pixelSize()
        title_font.setPixelSize(round(1.2 * size) if size > 0 else 18)
        self.width = width
        self.parts: list[QTextLayout] = []
        line_width = max(1, width - 2 * PADDING)
        y, widest = float(PADDING), 0.0
        for part, part_font in ((title, title_font), (description, font), (facts, font)):
            # Runs of white space drawn as one, as the card's rich text always showed them.
            layout = QTextLayout(" ".join(part.split()), part_font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(line_width)
                line.setPosition(QPointF(PADDING, y))
                y += line.height()
                widest = max(widest, line.naturalTextWidth())
            layout.endLayout()
            self.parts.append(layout)
        self.size = QSize(round(widest) + 2 * PADDING, round(y) + PADDING)

    def plain_text(self) -> str:
        return "\n".join(part.text() for part in self.parts)

    def draw(self, painter: QPainter, colour: QColor) -> None:
        painter.save()
        painter.setPen(colour)
        for part in self.parts:
            part.draw(painter, QPointF(0, 0))
        painter.restore()


def card_width(widget: QWidget | None) -> int:
    """The width a card's text is laid out at: the list's viewport as it is with its
    scroll bar, whether or not the bar shows yet, so the bar appearing (as the list
    fills) does not lay every card out a second time."""
    if widget is None:
        return 600
    if not isinstance(widget, QAbstractScrollArea):
        return max(MIN_TEXT_WIDTH, widget.width())
    # The viewport's width as it is with the bar: what viewport().width() gives, worked
    # out without asking for the viewport, whose QWidget PySide would first look up
    # among every widget class (building them all and their enums: ~25 ms at start-up).
    width = widget.maximumViewportSize().width()
    if widget.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
        width -= widget.verticalScrollBar().sizeHint().width()
    spacing = widget.spacing() if hasattr(widget, "spacing") else 0
    return max(MIN_TEXT_WIDTH, width - 2 * spacing)


class RoutineDelegate(QStyledItemDelegate):
    """Draws a routine as a card from the item's text, "title\\ndescription\\nfacts"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Every card's size, and the layouts of the cards last drawn: a layout is about
        # 12 KB, a size nothing, and only a screenful of cards is drawn at a time.
        self._sizes: dict[tuple[str, str, int], QSize] = {}
        self._layouts: OrderedDict[tuple[str, str, int], CardLayout] = OrderedDict()
        self.layouts_made = 0  # how many cards were laid out (what the tests count)

    def _key(self, option: QStyleOptionViewItem, text: str) -> tuple[str, str, int]:
        widget = option.widget
        font = widget.font() if widget is not None else QApplication.font()
        key = (text, font.key(), card_width(widget))
        if self._sizes and next(iter(self._sizes))[1:] != key[1:]:
            self._sizes.clear()  # a new width or font: the old layouts are done with
            self._layouts.clear()
        return key

    def layout_for(self, option: QStyleOptionViewItem, text: str) -> CardLayout:
        key = self._key(option, text)
        found = self._layouts.get(key)
        if found is not None:
            self._layouts.move_to_end(key)
            return found
        widget = option.widget
        found = CardLayout(text, widget.font() if widget else QApplication.font(), key[2])
        self.layouts_made += 1
        self._layouts[key] = found
        self._sizes[key] = found.size
        if len(self._layouts) > KEPT_LAYOUTS:
            self._layouts.popitem(last=False)
        return found

    def sized_count(self) -> int:
        return len(self._sizes)

    def kept_count(self) -> int:
        return len(self._layouts)

    def forget_layouts(self) -> None:
        """Let go of the kept layouts (about 12 KB each) while the list is out of sight;
        the sizes stay, so only the cards drawn next are laid out again."""
        self._layouts.clear()

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # The style draws the card's background, selection and focus; the text is drawn
        # from its kept layout (the option's copy has its line breaks replaced).
        option.text = ""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The base class draws the item through the style in C++: reaching the style from
        # Python would build PySide's QStyle type and its enums first (~14 ms at start-up).
        super().paint(painter, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        # Colours from the palette the theme gave Qt, so every theme reads.
        colour = option.palette.color(
            QPalette.ColorRole.HighlightedText
            if _selected(option, index)
            else QPalette.ColorRole.Text
        )
        painter.save()
        painter.translate(option.rect.topLeft())
        self.layout_for(option, text).draw(painter, colour)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        found = self._sizes.get(self._key(option, text))
        return found if found is not None else self.layout_for(option, text).size


def _selected(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> bool:
    """Whether the card is drawn selected: in an item view, what its selection model says
    (where the view takes the option's State_Selected from) without the QStyle enums."""
    view = option.widget
    if isinstance(view, QAbstractItemView) and isinstance(index, QModelIndex):
        selection = view.selectionModel()
        if selection is not None:
            return selection.isSelected(index)
    from PySide6.QtWidgets import QStyle

    return bool(option.state & QStyle.StateFlag.State_Selected)
