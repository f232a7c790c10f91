"""File menu actions for offline jurors: export a pack, open one, send scores back, and
import returns with the report shown before anything is written."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _
from jurydesk.jury.service import list_jurors
from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import JUROR_DB, export_pack, own_juror, setting, unsigned_pack_note
from jurydesk.packs.seal import CodeNeeded, WrongCode
from jurydesk.packs.unpack import OLD_SUFFIX, PACK_SUFFIX, RETURN_SUFFIX, open_pack_into
from jurydesk.packs.whose import SAME_PACK, existing_database
from jurydesk.paths import data_dir, is_url, sqlite_url
from jurydesk.recent import recent
from jurydesk.store import Store, StoreError, open_store
from jurydesk.ui.progress import run_with_progress, show_error, show_info
from jurydesk.ui.rows_model import RowsTableModel

if TYPE_CHECKING:  # returns are read and written when asked, not imported at start
    from jurydesk.packs.returns import ImportReport


def pack_filter() -> str:
    """Packs by their own extension; ``.zip`` for packs made by older versions."""
    return _("Juror packs (*{new} *{old})").format(new=PACK_SUFFIX, old=OLD_SUFFIX)


def choose_pack(parent: QWidget) -> Path | None:
    name, _f = QFileDialog.getOpenFileName(
        parent, _("Open a juror pack"), str(Path.home()), pack_filter()
    )
    return Path(name) if name else None


def ask_code(parent: QWidget, problem: str = "") -> str | None:
    """The juror's code, typed (handed over apart from the pack); ``problem`` says why it is
    asked again."""
    code, ok = QInputDialog.getText(
        parent,
        _("Open a juror pack"),
        (f"✕ {problem}\n\n" if problem else "")
        + _("The code the secretariat gave you (for example K7QX-3MPA-9DHT):"),
    )
    return code if ok else None


def proposed_database(pack: Path) -> Path:
    """Where a pack's juror database goes: the data folder, named after the pack, new."""
    folder = data_dir()
    target = folder / f"{pack.stem}.sqlite"
    n = 2
    while target.exists():
        target, n = folder / f"{pack.stem}-{n}.sqlite", n + 1
    return target


def open_pack_store(pack: Path, database: Path, code: str) -> Store:
    """The juror's new database made from the pack (all or nothing), opened."""
    url = sqlite_url(database)
    open_pack_into(pack, url, code)
    return open_store(url, write=True)


def return_filter() -> str:
    return _("Returns (*{new} *{old})").format(new=RETURN_SUFFIX, old=OLD_SUFFIX)


def status_label(status: str) -> str:
    return {
        "new": _("new"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "stale": _("stale"),
        "conflict": _("conflict"),
        "locked": _("locked"),
        "held": _("after the decision"),
    }[status]


def is_juror_database(store: Store) -> bool:
    with store.reader() as session:
        return setting(session, JUROR_DB) is not None


class ImportReportDialog(QDialog):
    """What the returns would change; nothing is written until the user says so."""

    def __init__(
        self,
        reports: list[ImportReport],
        parent: QWidget | None = None,
        labels: dict[tuple[int, int, str], str] | None = None,
    ) -> None:
        from jurydesk.packs.pending import side_text

        super().__init__(parent)
        labels = labels or {}
        self.setWindowTitle(_("Import returns"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        lines = []
        for r in reports:
            if r.already_imported:
                lines.append(
                    _("{file}: imported before; nothing to do").format(file=Path(r.file).name)
                )
            else:
                counts = ", ".join(f"{status_label(k)}: {v}" for k, v in r.counts.items() if v)
                lines.append(
                    f"{Path(r.file).name} — "
                    + _("juror {juror}, return {n}").format(juror=r.juror, n=r.sequence)
                    + f": {counts or _('nothing')}"
                )
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        rows = [
            (
                r.juror,
                x.candidature,
                x.round,
                labels.get((x.candidature, x.round, x.criterion), x.criterion) or _("(evaluation)"),
                status_label(x.status),
                side_text(x.ours) if x.theirs is not None else "",
                side_text(x.theirs) if x.theirs is not None else "",
            )
            for r in reports
            for x in r.lines
            if x.status != "unchanged"
        ]
        marked = {status_label(k) for k in ("conflict", "locked", "held")}
        self.table = QTableView(self)
        self.table.setAccessibleName(_("What the returns change"))
        self.table.setModel(
            RowsTableModel(
                [
                    _("Juror"),
                    _("Candidature"),
                    _("Round"),
                    _("Criterion"),
                    _("Status"),
                    _("Secretariat"),
                    _("Juror's return"),
                ],
                rows,
                [row[4] in marked for row in rows],
                self.table,
            )
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(any(not r.already_imported for r in reports))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PackActions:
    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window

    @property
    def store(self) -> Store:
        return self.window.store  # type: ignore[no-any-return]

    def export_pack(self, juror: int | None = None, target: Path | None = None) -> Path | None:
        slug = self.window.current_slug()
        if juror is None:
            with self.store.reader() as session:
                jurors = list_jurors(session, slug) if slug else []
            if not jurors:
                return None
            names = [f"{j.id} — {j.name}" for j in jurors]
            choice, ok = QInputDialog.getItem(
                self.window, _("Export a juror pack"), _("Juror:"), names, 0, False
            )
            if not ok:
                return None
            juror = jurors[names.index(choice)].id
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self.window,
                _("Export a juror pack"),
                str(Path.home() / f"jurypakket-{juror}{PACK_SUFFIX}"),
                pack_filter(),
            )
            if not name:
                return None
            target = Path(name)
        done = run_with_progress(
            self.window, _("Export a juror pack"), lambda _p: export_pack(self.store, juror, target)
        )
        if done is not None:
            self.window.statusBar().showMessage(
                _("Pack written to {file}").format(file=target), 10000
            )
            self.last_code = done["code"]
            show_info(
                self.window,
                _("Export a juror pack"),
                _(
                    "The pack is sealed. Give the juror this code separately (on a card or by "
                    "phone, never with the pack):\n\n{code}"
                ).format(code=done["code"])
                + ("" if done["signed_scoring"] else "\n\n" + unsigned_pack_note()),
            )
            return target
        return None

    def open_pack(
        self, pack: Path | None = None, database: Path | None = None, code: str | None = None
    ) -> bool:
        """The pack becomes the juror's own database (proposed in the data folder); the code
        is asked until it fits, keeping the chosen pack and place. A pack opened before
        offers to continue in the database it made; an existing file is never overwritten."""
        pack = pack or choose_pack(self.window)
        if pack is None:
            return False
        if database is None:
            try:
                made = self._made_from(pack, data_dir() / f"{pack.stem}.sqlite")
            except PackError as exc:
                show_error(self.window, _("Open a juror pack"), exc)
                return False
            if made is not None:
                return self._existing(pack, made)
            database = proposed_database(pack)
        if database.exists():
            return self._existing(pack, database)
        if code is None:
            self.ask_code(pack, database)
            return False
        return self._open(pack, database, code)

    def ask_code(self, pack: Path, database: Path, problem: str = "") -> QInputDialog:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(_("Open a juror pack"))
        dialog.setLabelText(
            (f"✕ {problem}\n\n" if problem else "")
            + _("The code the secretariat gave you (for example K7QX-3MPA-9DHT):")
            + "\n\n"
            + _(
                "Your scores are kept in your own juror database, made from the pack:\n{file}"
            ).format(file=database)
        )
        dialog.textValueSelected.connect(lambda text: self._open(pack, database, text))
        dialog.open()
        self.code_dialog = dialog
        return dialog

    def _open(self, pack: Path, database: Path, code: str) -> bool:
        try:
            store = open_pack_store(pack, database, code)
        except (CodeNeeded, WrongCode) as exc:
            self.ask_code(pack, database, str(exc))  # the same pack and place, the code again
            return False
        except (PackError, StoreError) as exc:
            show_error(self.window, _("Open a juror pack"), exc)
            return False
        self.window.switch_store(store)
        return True

    def _made_from(self, pack: Path, suggested: Path) -> Path | None:
        """The database this pack made, if the juror has one here: the one open now, the
        file the dialog would suggest, or one of the recent databases."""
        candidates = [self.store.file, suggested, *(Path(t) for t in recent() if not is_url(t))]
        seen: set[Path] = set()
        for file in candidates:
            if file is None or file in seen or not file.is_file():
                continue
            seen.add(file)
            if existing_database(pack, file) == SAME_PACK:
                return file
        return None

    def _existing(self, pack: Path, database: Path) -> bool:
        """``database`` exists: offer to continue in it when this pack made it, else refuse."""
        try:
            kind = existing_database(pack, database)
        except PackError as exc:
            show_error(self.window, _("Open a juror pack"), exc)
            return False
        if kind == SAME_PACK and database == self.store.file:
            show_info(
                self.window,
                _("Open a juror pack"),
                _("You are working in this pack's database already: {file}").format(file=database),
            )
            return False
        if kind != SAME_PACK:
            show_error(
                self.window,
                _("Open a juror pack"),
                _(
                    "{file} exists already and was not made from this pack; choose another "
                    "name. Nothing was overwritten."
                ).format(file=database),
            )
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Open a juror pack"),
            _(
                "You opened this pack before: your scores are in {file}. Continue there? "
                "Nothing in it is replaced."
            ).format(file=database),
            parent=self.window,
        )
        self.continue_button = box.addButton(
            _("&Continue there"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.continue_button)
        self.continue_button.clicked.connect(
            lambda: self.window.databases.open_target(str(database))
        )
        self.existing_box = box
        box.open()
        return False

    def send_return(self, target: Path | None = None) -> Path | None:
        if not is_juror_database(self.store):
            show_error(
                self.window,
                _("Send scores back"),
                _("this is not a juror database (open a pack first)"),
            )
            return None
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self.window,
                _("Send scores back"),
                str(Path.home() / self.return_name()),
                return_filter(),
            )
            if not name:
                return None
            target = Path(name)
        from jurydesk.packs.returns import write_return

        try:
            manifest = write_return(self.store, target)
        except (PackError, OSError) as exc:
            show_error(self.window, _("Send scores back"), exc)
            return None
        self.window.statusBar().showMessage(
            _("Return {n} written to {file}").format(n=manifest["sequence"], file=target), 10000
        )
        return target

    def return_name(self) -> str:
        """'terugzending-an-peeters-leuven-2026-12-07.juryreturn': whose, where, when."""
        region = self.window.current_slug() or ""
        with self.store.reader() as session:
            own = own_juror(session)
            jurors = list_jurors(session, region) if region else []
        name = next((j.name for j in jurors if j.id == own), "")
        parts = [_("return (file name)"), name, region, date.today().isoformat()]
        slug = "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p)
        return f"{slug}{RETURN_SUFFIX}"

    def offer_return(self) -> None:
        """After a finalisation on a juror laptop: offer to write the return now."""
        if not is_juror_database(self.store):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Send scores back"),
            _("Your scores are finalised. Write a return for the secretariat now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.accepted.connect(lambda: self.send_return())
        self.window.last_offer = box
        box.open()

    def import_returns(
        self, files: list[Path] | None = None, confirm: bool = True
    ) -> list[ImportReport] | None:
        from jurydesk.packs.pending import criterion_labels
        from jurydesk.packs.returns import import_returns

        if files is None:
            names, _f = QFileDialog.getOpenFileNames(
                self.window, _("Import returns"), str(Path.home()), return_filter()
            )
            if not names:
                return None
            files = [Path(n) for n in names]
        preview = run_with_progress(
            self.window,
            _("Import returns"),
            lambda _p: import_returns(self.store, files, dry_run=True),
        )
        if preview is None:
            return None
        if confirm:
            wanted = {x.candidature for r in preview for x in r.lines}
            with self.store.reader() as session:
                labels = criterion_labels(session, wanted)
            dialog = ImportReportDialog(preview, self.window, labels)
            self.window.last_report = dialog
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        done = run_with_progress(
            self.window, _("Import returns"), lambda _p: import_returns(self.store, files)
        )
        if done is not None:
            self.window.reload_regions()
        return done
