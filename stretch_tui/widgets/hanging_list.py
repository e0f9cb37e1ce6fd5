"""A list whose wrapped lines hang under the text, not under the mark: `-  a long reason`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def hanging_list(rows: list[tuple[str, Text]]) -> Table:
    """Rows of `mark  text` where wrapped text lines up under the text, not the mark."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for mark, text in rows:
        table.add_row(mark, text)
    return table
