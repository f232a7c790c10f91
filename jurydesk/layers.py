"""Text files in layers: the bundled one, a region's, the user's in the data directory; each
later layer replaces keys of the earlier ones (letters and mail texts work this way)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def read_layers(
    names: list[str], dirs: list[Path], error: Callable[[Path, Exception], Exception]
) -> list[tuple[Path, dict[str, Any]]]:
    """Every ``dir/name`` that exists, in order (names outer, folders inner), parsed as TOML;
    a file that cannot be read raises ``error(path, exc)``."""
    out = []
    for name in names:
        for folder in dirs:
            path = folder / name
            if not path.is_file():
                continue
            try:
                out.append((path, tomllib.loads(path.read_text("utf-8"))))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise error(path, exc) from None
    return out
