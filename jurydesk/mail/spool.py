"""Attachments between reading a mailbox and its one writing transaction, kept in a temporary
file instead of in memory: 200 messages with a 2 MB proposal each held 400 MB until the write.
Each attachment is read back when its message is written, so memory stays flat in the size of
the mailbox; the transaction is still one (all or nothing). The file is removed when the spool
closes (``tempfile.TemporaryFile``: also on Windows, also after a crash)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from types import TracebackType
from typing import IO


@dataclass(frozen=True, slots=True)
class Spooled:
    """Where one attachment's bytes are in the spool."""

    offset: int
    size: int


class Spool:
    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="jurydesk-mail-")  # noqa: SIM115
        self._end = 0

    def put(self, data: bytes) -> Spooled:
        self._file.seek(self._end)
        self._file.write(data)
        where = Spooled(self._end, len(data))
        self._end += len(data)
        return where

    def get(self, where: Spooled) -> bytes:
        self._file.seek(where.offset)
        data = self._file.read(where.size)
        if len(data) != where.size:
            raise OSError("the mail spool lost an attachment")  # the temporary file was cut
        return data

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
