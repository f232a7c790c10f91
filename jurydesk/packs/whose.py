"""Whose database this is (the secretariat's, or a juror's made from a pack), and whether an
existing database was made from a given pack: what the app shows and asks before it opens one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError, read_zip
from jurydesk.packs.pack import JUROR_DB, PACK_ID, setting
from jurydesk.packs.seal import header, is_sealed
from jurydesk.store import StoreError, open_store
from jurydesk.store.models import Juror
from jurydesk.store.probe import check_database_file

SAME_PACK, OTHER = "same-pack", "other"


@dataclass(frozen=True)
class Owner:
    """A juror's own database (juror set), or the secretariat's (juror None)."""

    juror: int | None
    name: str


def owner(session: Session) -> Owner:
    text = setting(session, JUROR_DB)
    if text is None:
        return Owner(None, "")
    juror = session.get(Juror, int(text))
    return Owner(int(text), juror.name if juror is not None else "")


def pack_id_of(pack: Path) -> str:
    """The pack's id, readable without the juror's code (it is in the sealed file's header)."""
    try:
        data = pack.read_bytes()
    except OSError as exc:
        raise PackError(
            _("{file} cannot be read ({error})").format(file=pack, error=exc.strerror or exc)
        ) from None
    if is_sealed(data):
        return str(header(data)[0]["pack_id"])
    pack_id = read_zip(data, "pack")[0].get("pack_id")
    if not pack_id:
        raise PackError(_("{file}: not a juror pack").format(file=pack.name))
    return str(pack_id)


def existing_database(pack: Path, database: Path) -> str:
    """What an existing ``database`` is to ``pack``: SAME_PACK when it is the juror database
    this pack made (the juror's scores are in it), else OTHER. Reads only."""
    try:
        check_database_file(database)
        store = open_store(f"sqlite:///{database.resolve().as_posix()}", write=False)
    except StoreError:
        return OTHER
    try:
        with store.reader() as session:
            mine = setting(session, PACK_ID)
    finally:
        store.close()
    return SAME_PACK if mine is not None and mine == pack_id_of(pack) else OTHER
