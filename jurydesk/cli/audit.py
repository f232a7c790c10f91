"""`jurydesk audit head|verify`: the chain's head to write down, and the check of the chain
and of the tables against it."""

from __future__ import annotations

import argparse

from jurydesk.audit import chain as audit
from jurydesk.cli.output import CliError, emit_json
from jurydesk.i18n import _
from jurydesk.store import Store


def cmd_audit_head(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        value, count = audit.head(session)
    if args.json:
        emit_json({"head": value, "events": count})
    else:
        print(_("Audit chain head after {n} events: {head}").format(n=count, head=value))
        print(_("Write it down outside the database; later: jurydesk audit verify --anchor HEAD"))
    return 0


def cmd_audit_verify(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.audit.replay import compare
    from jurydesk.store import audit_keys

    key = audit_keys.ring(store.engine).secretariat
    with store.reader() as session:
        if key is None and audit_keys.has_key(session):
            raise CliError(
                _(
                    "the audit log's key does not open with this passphrase: it was replaced "
                    "in the database file; the audit log cannot be trusted"
                )
            )
        report = audit.verify(session, args.anchor, key)
        replay = compare(session) if report.ok else None
        keyless = audit_keys.jurors_without_key(session)
    if keyless and not args.json:  # once, whatever the outcome: what to do about it
        from jurydesk.jury.pins import no_key_advice

        print(no_key_advice([str(j) for j in keyless]))
    differences = replay.differences if replay else []
    if args.json:
        emit_json(
            {
                "ok": report.ok and bool(replay and replay.ok),
                "events": report.events,
                "problem": report.problem,
                "event": report.event_id,
                "rows_compared": replay.compared if replay else 0,
                "jurors_without_key": keyless,
                "differences": replay.total if replay else 0,
                "shown": [
                    {
                        "entity": d.entity,
                        "key": d.key,
                        "problem": d.problem,
                        "table": d.table,
                        "log": d.log,
                    }
                    for d in differences
                ],
            }
        )
    if not report.ok:
        raise CliError(
            _("audit log NOT intact at event {id}: {problem}").format(
                id=report.event_id, problem=report.problem
            )
        )
    if replay is not None and not replay.ok:
        problems = {
            "differs": _("differs"),
            "missing": _("missing from the table"),
            "no event": _("no event in the audit log"),
        }
        entities = {
            "score": _("score"),
            "evaluation": _("evaluation"),
            "decision": _("decision"),
            "conflict": _("conflict of interest"),
            "document": _("document"),
            "setting": _("setting"),
            "score version": _("score version"),
            "communication date": _("communication date"),
            "review flag": _("review flag"),
            "document name": _("document name"),
            "stored file": _("stored file (SHA-256 of its bytes)"),
            "PIN": _("PIN"),
            "panel": _("panel membership"),
            "page text": _("page text"),
            "received": _("time of receipt"),
            "pack secret": _("pack signing secret"),
            "region setting": _("region setting"),
            "quality setting": _("decision-quality setting"),
            "calibration": _("calibration anchors"),
            "rubric": _("rubric (criteria, weights, scales)"),
            "consensus": _("consensus"),
            "consensus approval": _("approved consensus version"),
            "meeting": _("meeting (minutes)"),
            "juror": _("juror"),
            "juror name": _("juror's name"),
            "juror role": _("juror's role"),
            "juror organisation": _("juror's organisation"),
            "juror e-mail": _("juror's e-mail address"),
            "note": _("the jury's note on candidature"),
            "rebuttal": _("weerwoord"),
            "declaration": _("declaration on honour"),
        }
        if not args.json:
            for d in differences:
                print(
                    _("{entity} {key}: {problem} (table: {table}; audit log: {log})").format(
                        entity=entities[d.entity],
                        key=d.key,
                        problem=problems[d.problem],
                        table=d.table,
                        log=d.log,
                    )
                )
        raise CliError(
            _(
                "the tables do not match the audit log: {n} row(s) differ, are missing or "
                "have no event"
            ).format(n=replay.total)
        )
    if not args.json:
        print(
            _("Audit log intact: {n} events; {rows} rows match their events.").format(
                n=report.events, rows=replay.compared if replay else 0
            )
        )
        if key is None:
            print(_("The events carry no MAC yet: a command that writes creates the key."))
    return 0
