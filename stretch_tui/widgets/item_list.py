"""The routine editor's list of items, whose enter key sets the highlighted item's dose."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class ItemList(OptionList):
    """The routine's items; enter sets the highlighted one's dose (and the footer says so)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Dose", id="routine-editor.items.dose"),
    ]
