"""`jurydesk documents page`: a stored PDF's page as PNG, through the reader's renderer."""

from __future__ import annotations

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from tests.cli.helpers import run, run_json


def _pdf(path):  # type: ignore[no-untyped-def]
    canvas = Canvas(str(path))
    for number in (1, 2):
        canvas.setFont("Helvetica-Bold", 40)
        canvas.drawString(72, 700, f"Pagina {number}")
        canvas.showPage()
    canvas.save()
    return path


def test_a_page_renders_to_png(db, capsys, tmp_path):  # type: ignore[no-untyped-def]
    added = run_json(
        capsys, "--db", db, "documents", "add", "--candidature", "14", str(_pdf(tmp_path / "v.pdf"))
    )
    document = added[0]["id"]
    out = tmp_path / "p2.png"
    shown = run_json(
        capsys, "--db", db, "documents", "page", str(document), str(out), "--page", "2"
    )
    assert shown["page"] == 2 and out.exists()
    image = Image.open(out)
    assert image.size == (shown["width"], shown["height"]) and image.size[0] > 800
    assert image.convert("L").getextrema()[0] < 64  # the text is drawn, not a blank page
    code, _out, err = run(
        capsys, "--db", db, "documents", "page", str(document), str(out), "--page", "9"
    )
    assert code == 1 and "9" in err
