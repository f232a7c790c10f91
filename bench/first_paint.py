"""Child process for the start-up benchmark: print once the first window has painted, exit.

python -m bench.first_paint app DB      # JuryDesk's own start path
python -m bench.first_paint floor       # a bare PySide6 window with a 2,000-row table
python -m bench.first_paint floor-db DB # the same, importing SQLAlchemy and reading the rows
python -m bench.first_paint floor-orm DB # the same through the ORM and JuryDesk's models
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QWidget


def _exit_on_first_paint(widget: QWidget) -> None:
    """Ends the process as soon as the widget has painted for the first time."""
    from jurydesk.ui.first_paint import FirstPaint

    FirstPaint(widget, lambda: os._exit(0))


def app(db: str) -> None:
    from jurydesk.__main__ import main as _main  # noqa: F401  (the real entry module)
    from jurydesk.i18n import set_language
    from jurydesk.ui.app import start

    set_language(None)
    started = start(db)
    assert started is not None
    qt_app, window, _store = started
    _exit_on_first_paint(window)
    qt_app.exec()


class _FloorModel(QAbstractTableModel):
    """2,000 rows of text, the least a table model can do."""

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2000

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"cel {index.row()}-{index.column()}"
        return None


def _show(qt_app, model: QAbstractTableModel) -> None:  # type: ignore[no-untyped-def]
    """The floors' window: a table of the rows, 1280 x 760, ended at its first paint."""
    from PySide6.QtWidgets import QMainWindow, QTableView

    window = QMainWindow()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1280, 760)
    _exit_on_first_paint(window)
    window.show()
    qt_app.exec()


def floor() -> None:
    from PySide6.QtWidgets import QApplication

    _show(QApplication(sys.argv), _FloorModel())


class _RowsModel(QAbstractTableModel):
    def __init__(self, rows: list[tuple]) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        return None


def floor_db(db: str) -> None:
    """The floor JuryDesk's start is measured against: SQLAlchemy imported, 2,000 rows of
    candidatures read from the same database, shown in a table."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import create_engine, text

    qt_app = QApplication(sys.argv)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = list(
            connection.execute(
                text(
                    "SELECT id, organisation, contact, title, received_at, channel, status"
                    " FROM candidatures ORDER BY id LIMIT 2000"
                )
            )
        )
    _show(qt_app, _RowsModel(rows))


def floor_orm(db: str) -> None:
    """What the architecture itself costs: the same window, but the rows read through
    SQLAlchemy's ORM session and JuryDesk's mapped models (nothing else of JuryDesk)."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from jurydesk.store.models import Candidature

    qt_app = QApplication(sys.argv)
    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        rows = [
            (c.id, c.organisation, c.contact, c.title, c.received_at, c.channel, c.status)
            for c in session.scalars(select(Candidature).order_by(Candidature.id).limit(2000))
        ]
    _show(qt_app, _RowsModel(rows))


if __name__ == "__main__":
    if sys.argv[1] == "app":
        app(sys.argv[2])
    elif sys.argv[1] == "floor-db":
        floor_db(sys.argv[2])
    elif sys.argv[1] == "floor-orm":
        floor_orm(sys.argv[2])
    else:
        floor()
