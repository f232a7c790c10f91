"""A motivation is saved as it is typed, after a short pause (at most 500 ms), never only on
leaving the field: a `kill -9` half a second after the last key loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from jurydesk.store import open_store
from jurydesk.store.models import Score
from tests.ui.scoring.test_view import _new_juror, _open

ROOT = Path(__file__).resolve().parents[3]
TEXT = "Sterk lokaal netwerk, maar de begroting is krap"


def _motivation(store, juror: int, candidature: int, key: str) -> str | None:
    with store.reader() as session:
        return session.scalar(
            select(Score.motivation).where(
                Score.juror_id == juror,
                Score.candidature_id == candidature,
                Score.criterion == key,
            )
        )


def test_a_motivation_is_saved_within_half_a_second_of_typing(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    panel = view.panels[0]
    qtbot.keyClick(panel.score, "3")
    panel.motivation.setFocus()
    qtbot.keyClicks(panel.motivation, TEXT)
    assert panel.motivation.hasFocus()  # the field is never left
    qtbot.wait(500)
    got = _motivation(demo_store, juror, view.sheet.candidature, panel.criterion.key)
    assert got == TEXT


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; the laptops' crash")
def test_kill_dash_nine_after_typing_loses_no_word(demo_store, db_url, tmp_path):
    juror = _new_juror(demo_store)
    database = demo_store.file
    demo_store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.scoring.typing_child", str(database), str(juror), TEXT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("typed"), child.stderr.read()
        time.sleep(0.5)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    _word, candidature, key = line.split()
    store = open_store(db_url)
    try:
        assert _motivation(store, juror, int(candidature), key) == TEXT
    finally:
        store.close()
