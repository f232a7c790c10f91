"""`jurydesk documents [add|get|remove|max-size|migration]` and `jurydesk search`."""

from __future__ import annotations

import argparse
from pathlib import Path

from jurydesk.atomic import atomic_path
from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.documents.legacy import migration_report
from jurydesk.documents.search import search_documents
from jurydesk.documents.service import (
    add_files,
    document_bytes,
    list_documents,
    remove_document,
    set_max_document_mb,
)
from jurydesk.i18n import _
from jurydesk.store import Store


def cmd_documents(store: Store, args: argparse.Namespace) -> int:
    if args.candidature is None:
        raise CliError(_("give --candidature ID (or an action: add, get, remove)"), 2)
    with store.reader() as session:
        docs = list_documents(session, args.candidature)
    if args.json:
        emit_json([d.to_json() for d in docs])
        return 0
    print_table(
        ["Id", _("File"), _("Type"), _("Size (kB)"), _("Pages"), _("Text")],
        [
            (
                d.id,
                d.name,
                d.media_type.rsplit("/", 1)[-1][:20],
                round(d.size / 1024),
                d.pages,
                _("no text") if d.no_text else d.text_chars,
            )
            for d in docs
        ],
    )
    return 0


def cmd_documents_add(store: Store, args: argparse.Namespace) -> int:
    added = add_files(store, actor(args), args.candidature, [Path(f) for f in args.files])
    if args.json:
        emit_json([{**a.document.to_json(), "new": a.new} for a in added])
        return 0
    for a in added:
        state = _("added") if a.new else _("already there")
        flag = f" ({_('no text')})" if a.document.no_text else ""
        print(f"{a.document.id}  {a.document.name}: {state}{flag}")
    return 0


def cmd_documents_get(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        info, data = document_bytes(session, args.document)
    with atomic_path(Path(args.out)) as tmp:
        tmp.write_bytes(data)
    if args.json:
        emit_json({**info.to_json(), "written": str(args.out)})
    else:
        print(_("{name} written to {out}").format(name=info.name, out=args.out))
    return 0


def cmd_documents_page(store: Store, args: argparse.Namespace) -> int:
    """A page of a stored PDF as PNG, rendered as the reader renders it (in a child process)."""
    from PIL import Image

    from jurydesk.documents.render import PageRenderer, RenderError

    with store.reader() as session:
        info, data = document_bytes(session, args.document)
    if info.media_type != "application/pdf":
        raise CliError(_("{name} is not a PDF").format(name=info.name))
    if not 1 <= args.page <= max(info.pages, 1):
        raise CliError(
            _("{name} has {n} page(s), not page {page}").format(
                name=info.name, n=info.pages, page=args.page
            )
        )
    renderer = PageRenderer()
    try:
        renderer.open(data)
        page = renderer.render(args.page - 1, args.scale)
    except RenderError as exc:
        raise CliError(_("the page could not be shown: {error}").format(error=exc)) from None
    finally:
        renderer.close()
    image = Image.frombuffer(
        "RGB", (page.width, page.height), page.pixels, "raw", "RGB", page.stride
    )
    with atomic_path(Path(args.out)) as tmp:
        image.save(tmp, format="PNG")
    if args.json:
        emit_json(
            {
                "document": args.document,
                "page": args.page,
                "width": page.width,
                "height": page.height,
                "written": str(args.out),
            }
        )
    else:
        print(
            _("Page {page} of {name} written to {out}").format(
                page=args.page, name=info.name, out=args.out
            )
        )
    return 0


def cmd_documents_remove(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        info = remove_document(session, actor(args), args.document, args.reason)
    if args.json:
        emit_json(info.to_json())
    else:
        print(_("{name} removed").format(name=info.name))
    return 0


def cmd_documents_max_size(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        set_max_document_mb(session, actor(args), args.megabytes)
    print(_("Documents may now be up to {mb} MB").format(mb=args.megabytes))
    return 0


def cmd_documents_migration(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        report = migration_report(session) or {"copied": [], "missing": []}
    if args.json:
        emit_json(report)
        return 0
    print(_("Copied into the database: {n}").format(n=len(report["copied"])))
    for item in report["missing"]:
        print(f"  {item['candidature']}: {item['path']} — {item['reason']}")
    return 0


def cmd_search(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        hits = search_documents(session, args.text, args.region, limit=args.limit)
    if args.json:
        emit_json([h.to_json() for h in hits])
        return 0
    print_table(
        [_("Candidature"), _("Document"), _("Page"), _("Snippet")],
        [
            (f"{h.candidature}. {h.organisation}", h.document_name, h.page or "—", h.plain_snippet)
            for h in hits
        ],
    )
    return 0
