"""The CLI speaks the chosen language, --help included; argparse's own errors too."""

from __future__ import annotations

import pytest

from jurydesk.__main__ import main


def test_help_in_dutch_and_english(capsys):
    with pytest.raises(SystemExit):
        main(["mail", "letters", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: jurydesk mail letters") and "gebruik: gebruik" not in out
    assert "een beslissingsmail per kandidatuur" in out and "opties:" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "mail", "letters", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: jurydesk mail letters") and "a decision e-mail" in out


def test_errors_in_dutch(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["results", "--region", "leuven"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "fout: deze argumenten zijn verplicht: --round" in err
    with pytest.raises(SystemExit):
        main(["results", "--region", "leuven", "--round", "3"])
    assert "is geen keuze (kies uit 1, 2)" in capsys.readouterr().err
