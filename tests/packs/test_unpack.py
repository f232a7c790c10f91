"""Opening a pack into a new juror database: all or nothing, whatever goes wrong."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import export_pack
from jurydesk.packs.unpack import open_pack_into
from jurydesk.store import open_store
from jurydesk.store.models import Candidature
from tests.signed import add_signed_juror


def _pack(demo_store, tmp_path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    (tmp_path / "stick").mkdir()
    pack = tmp_path / "stick" / "pakket.jurypack"
    return pack, str(export_pack(demo_store, juror, pack)["code"])


def _url(file: Path) -> str:
    return f"sqlite:///{file.as_posix()}"


def test_a_pack_becomes_a_database_only_when_complete(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    pack, code = _pack(demo_store, tmp_path)
    mine = tmp_path / "laptop" / "jurylid.sqlite"
    with pytest.raises(PackError, match="code"):
        open_pack_into(pack, _url(mine), "AAAA-BBBB-CCCC")
    assert not mine.parent.exists() or list(mine.parent.iterdir()) == []
    manifest = open_pack_into(pack, _url(mine), code)
    assert manifest["juror"] and mine.exists()
    assert [p.name for p in mine.parent.iterdir()] == ["jurylid.sqlite"]
    store = open_store(_url(mine), write=False)
    with store.reader() as session:
        assert session.scalar(select(func.count()).select_from(Candidature)) > 0
    store.close()
    before = mine.read_bytes()
    with pytest.raises(PackError, match="bestaat al"):  # the juror's scores stay as they are
        open_pack_into(pack, _url(mine), code)
    assert mine.read_bytes() == before


def test_damaged_or_missing_packs_write_nothing(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    pack, code = _pack(demo_store, tmp_path)
    damaged = pack.with_name("stuk.jurypack")
    damaged.write_bytes(pack.read_bytes()[:-200])
    mine = pack.with_name("jurylid.sqlite")
    with pytest.raises(PackError):
        open_pack_into(damaged, _url(mine), code)
    with pytest.raises(PackError, match="bestaat niet"):
        open_pack_into(tmp_path / "weg.jurypack", _url(mine), code)
    assert sorted(p.name for p in pack.parent.iterdir()) == ["pakket.jurypack", "stuk.jurypack"]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root writes in read-only folders"
)
def test_a_read_only_folder_is_a_clear_message(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    pack, code = _pack(demo_store, tmp_path)
    locked = tmp_path / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(PackError, match="kon niet geschreven worden"):
            open_pack_into(pack, _url(locked / "jurylid.sqlite"), code)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_folder_that_cannot_be_made_is_a_clear_message(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    pack, code = _pack(demo_store, tmp_path)
    blocker = tmp_path / "usb"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(PackError, match="kon niet geschreven worden"):
        open_pack_into(pack, _url(blocker / "jurylid.sqlite"), code)
    assert blocker.read_text() == "a file where the folder should be"


@pytest.fixture
def tiny_disk(tmp_path):  # type: ignore[no-untyped-def]
    """A real, nearly full file system: a 192 KB tmpfs (Linux, as root; skipped elsewhere)."""
    import subprocess

    folder = tmp_path / "klein"
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr!r}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_a_clear_message_and_leaves_nothing(demo_store, tmp_path, tiny_disk):  # type: ignore[no-untyped-def]
    pack, code = _pack(demo_store, tmp_path)
    with pytest.raises(PackError, match="kon niet geschreven worden") as refused:
        open_pack_into(pack, _url(tiny_disk / "jurylid.sqlite"), code)
    assert "vol" in str(refused.value) or "space" in str(refused.value)
    assert list(tiny_disk.iterdir()) == []


def test_a_pack_of_another_version_is_named_as_such(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    import io
    import json
    import zipfile

    from jurydesk.packs.seal import header, salt_of, seal, unseal_with_code

    pack, code = _pack(demo_store, tmp_path)
    sealed = pack.read_bytes()
    plain, key = unseal_with_code(sealed, code)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["schema"] = "0099"  # a JuryDesk from the future
                data = json.dumps(manifest).encode()
            dst.writestr(info, data)
    newer = pack.with_name("nieuwer.jurypack")
    newer.write_bytes(seal(out.getvalue(), key, header(sealed)[0]["pack_id"], salt_of(sealed)))
    mine = pack.with_name("jurylid.sqlite")
    with pytest.raises(PackError, match="0099"):
        open_pack_into(newer, _url(mine), code)
    assert not mine.exists()
