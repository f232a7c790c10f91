"""Returns: the juror's scores back to the secretariat, and the merge that cannot lose any.

Merge rules per score (juror, candidature, round, criterion) and per evaluation (comment,
finalisation): a newer version updates; the same version with the same content is unchanged;
the same version with other content is a conflict, reported and not applied; an older version
is stale and ignored; scores that are finalised in the secretariat's database are locked and
not changed. A file that fails any check is refused whole and nothing is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay import evaluation_rows, score_rows
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.packs import declarations as pack_declarations
from jurydesk.packs import signed_events
from jurydesk.packs.archive import (
    PackError,
    mac_matches,
    read_manifest,
    read_zip,
    sha256,
)
from jurydesk.packs.fields import Row, check_int, check_moment, check_text, iso_moment
from jurydesk.packs.merge_state import import_record, import_records, merge_state
from jurydesk.packs.pack import (
    CALL,
    juror_secret_key,
    open_return_bytes,
    setting,
)
from jurydesk.packs.pending import keep_pending
from jurydesk.packs.seal import is_sealed
from jurydesk.packs.send_back import write_return
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import parse_value
from jurydesk.store import Store
from jurydesk.store.bulk import insert_many
from jurydesk.store.models import Evaluation, Juror, Score, Setting
from jurydesk.store.schema import SCHEMA_HEAD
from jurydesk.store.tuning import optimize

NEW, UPDATED, UNCHANGED, STALE, CONFLICT, LOCKED, HELD = (
    "new",
    "updated",
    "unchanged",
    "stale",
    "conflict",
    "locked",
    "held",  # would change a round that is decided already: kept aside, never applied
)
STATUSES = (NEW, UPDATED, UNCHANGED, STALE, CONFLICT, LOCKED, HELD)
OFFERED = frozenset({NEW, UPDATED, CONFLICT, HELD})  # written, or shown to take over


@dataclass(slots=True)  # not frozen: a return makes one per score, and frozen ones cost 3x
class Line:
    juror: int
    candidature: int
    round: int
    criterion: str  # "" for the evaluation (comment and finalisation)
    status: str
    detail: str = ""
    ours: Any = None  # for a conflict or a held score: both sides, to show side by side
    theirs: Any = None


@dataclass
class ImportReport:
    file: str
    juror: int
    sequence: int
    lines: list[Line] = field(default_factory=list)
    already_imported: bool = False
    written: bool = False

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(line.status for line in self.lines)
        return {s: tally[s] for s in STATUSES}


def _check_manifest(session: Session, manifest: dict[str, Any]) -> tuple[int, int]:
    if manifest.get("call") != CALL:
        raise PackError(_("this return belongs to another call"))
    if manifest.get("database_id") != setting(session, "database_id"):
        raise PackError(_("this return belongs to another database (it was not packed here)"))
    juror = check_int(manifest.get("juror"), "juror")
    sequence = check_int(manifest.get("sequence"), "sequence")
    if session.get(Juror, juror) is None:
        raise PackError(_("the return comes from an unknown juror ({id})").format(id=juror))
    secret = setting(session, juror_secret_key(juror))
    if secret is None:
        raise PackError(_("no pack was ever issued to juror {id}").format(id=juror))
    if not mac_matches(secret, manifest):
        raise PackError(
            _(
                "the authentication code does not match: the file was altered or "
                "not made with this juror's pack"
            )
        )
    if manifest.get("schema") != SCHEMA_HEAD:
        raise PackError(
            _(
                "the return was made by another JuryDesk version (schema {theirs}, this one {ours})"
            ).format(theirs=manifest.get("schema"), ours=SCHEMA_HEAD)
        )
    return juror, sequence


_LOOK_UP: Any = object()  # import_return's record, not looked up yet


def import_returns(
    store: Store, files: list[Path], *, dry_run: bool = False, actor: str = "secretariaat"
) -> list[ImportReport]:
    """Several returns: one backup before the first file that is new, then one transaction
    per file. A refused file stops the batch with its reason; the files before it stay
    imported. Files imported before are recognised by their hash and cost no backup."""
    records = import_records(store, [sha256(Path(f).read_bytes()) for f in files])
    reports: list[ImportReport] = []
    backed_up = dry_run
    issued: dict[str, Any] = {}  # the packs' export events, read once for the batch
    for file, record in zip(files, records, strict=True):
        report = import_return(
            store,
            file,
            dry_run=dry_run,
            actor=actor,
            backup=not backed_up,
            issued=issued,
            record=record,
        )
        backed_up = backed_up or not report.already_imported
        reports.append(report)
    if any(r.written for r in reports):
        with store.session() as session:  # the planner sees the merged rows
            optimize(session.connection(), "scores", "evaluations")
    return reports


def import_return(
    store: Store,
    file: Path,
    *,
    dry_run: bool = False,
    actor: str = "secretariaat",
    backup: bool = True,
    issued: dict[str, Any] | None = None,
    record: dict[str, Any] | None = _LOOK_UP,
) -> ImportReport:
    """``issued``: a batch's cache of the packs' export events; ``record``: what an earlier
    import of these very bytes recorded (None: never imported; looked up when not given)."""
    data = digest = None
    if record is _LOOK_UP:
        data = Path(file).read_bytes()
        digest = sha256(data)
        [record] = import_records(store, [digest])
    if record is not None and {"juror", "sequence"} <= record.keys():
        # These very bytes were checked and merged before: nothing to read again or open.
        report = ImportReport(str(file), int(record["juror"]), int(record["sequence"]))
        report.already_imported = True
        return report
    if data is None or digest is None:
        data = Path(file).read_bytes()
        digest = sha256(data)
    if record is not None:  # imported by an earlier version: only its time was recorded
        # These very bytes were checked and merged before: no backup, no payload to parse.
        if is_sealed(data):
            with store.reader() as session:
                data = open_return_bytes(session, data)
        manifest = read_manifest(data)
        report = ImportReport(
            str(file),
            check_int(manifest.get("juror"), "juror"),
            check_int(manifest.get("sequence"), "sequence"),
        )
        report.already_imported = True
        return report
    if is_sealed(data):
        with store.reader() as session:
            data = open_return_bytes(session, data)
    manifest, payload, extra = read_zip(data, "return")
    if extra:
        raise PackError(_("a return holds only its manifest and payload"))
    if backup and not dry_run:
        store.backup("pack-import")
    # A dry run reads in a session that is never committed: nothing can be written.
    with store.reader() if dry_run else store.session() as session:
        juror, sequence = _check_manifest(session, manifest)
        report = ImportReport(str(file), juror, sequence)
        if setting(session, f"pack_import:{digest}"):
            report.already_imported = True
            return report
        applied: dict[str, Any] = {}
        key = signed_events.required(session, juror, manifest.get("pack_id"), issued)
        log = signed_events.SignedLog(payload.get("events"), juror, key) if key else None
        signed = pack_declarations.merge(session, juror, payload, not dry_run, actor, log)
        report.lines = _merge(session, juror, payload, not dry_run, applied, signed, log)
        if dry_run:
            return report
        keep_pending(session, report.lines, Path(file).name)
        session.execute(  # new: a file seen before returned above
            insert(Setting).values(
                key=f"pack_import:{digest}",
                value=import_record(juror, sequence, datetime.now(UTC).isoformat()),
            )
        )
        audit.record(
            session,
            actor,
            "pack_import",
            "return",
            f"{juror}/{sequence}",
            None,
            {"file_sha256": digest, **report.counts, **applied},
        )
        report.written = True
    return report


def _merge(
    session: Session,
    juror: int,
    payload: dict[str, Any],
    apply: bool,
    applied: dict[str, Any],
    signed: set[str],
    log: signed_events.SignedLog | None = None,
) -> list[Line]:
    """Compare (and with ``apply``, write) a return; ``applied`` gets the rows written, for
    the audit event. ``signed``: the regions the juror signed the declaration for; ``log``:
    the laptop's signed events, which every row written or offered must match."""
    scores, evaluations = payload.get("scores"), payload.get("evaluations")
    if not isinstance(scores, list) or not isinstance(evaluations, list):
        raise PackError(_("the return's payload has no list of scores and evaluations"))
    state = merge_state(session, juror)
    regions, pitch, existing, evals = state.regions, state.pitch, state.scores, state.evaluations
    decided, finalised, allowed = state.decided, state.finalised, state.regions.keys()
    rubrics: dict[str, Any] = {}
    lines: list[Line] = []
    seen: set[tuple[int, int, str]] = set()
    new_scores: list[dict[str, Any]] = []
    changed_scores: list[dict[str, Any]] = []
    new_evals: list[dict[str, Any]] = []
    changed_evals: list[dict[str, Any]] = []

    def target(item: Any, what: Row) -> tuple[int, int]:
        if type(item) is not dict:
            raise PackError(_("{what} is not an object").format(what=what))
        cand = check_int(item.get("candidature"), what, "candidature")
        round_ = check_int(item.get("round"), what, "round")
        if cand not in allowed:
            raise PackError(
                _("{what}: candidature {id} is not assigned to juror {juror}").format(
                    what=what, id=cand, juror=juror
                )
            )
        if regions[cand] not in signed:
            raise PackError(
                _(
                    "{what}: juror {juror} has not signed the declaration (verklaring op eer) "
                    "for {region}"
                ).format(what=what, juror=juror, region=regions[cand])
            )
        if round_ not in (1, 2) or (round_ == 2 and cand not in pitch):
            raise PackError(
                _("{what}: candidature {id} has no round {round} for this juror").format(
                    what=what, id=cand, round=round_
                )
            )
        return cand, round_

    now = datetime.now(UTC)
    score_n = _("score {n}")
    criteria: dict[tuple[str, int, str], Any] = {}
    for index, item in enumerate(scores, start=1):
        what = Row(score_n, index)
        cand, round_ = target(item, what)
        key = check_text(item.get("criterion"), what, "criterion", 64)
        slug = regions[cand]
        if (slug, round_, key) not in criteria:
            if slug not in rubrics:
                rubrics[slug] = rubric_for(session, slug)
            criteria[(slug, round_, key)] = rubrics[slug].round(round_).criterion(key)
        criterion = criteria[(slug, round_, key)]
        if criterion is None:
            raise PackError(
                _("{what}: round {round} has no criterion '{key}'").format(
                    what=what, round=round_, key=key
                )
            )
        try:
            value = parse_value(criterion, item.get("value"))
        except ScoringError as exc:
            raise PackError(f"{what}: {exc}") from None
        motivation = check_text(item.get("motivation", ""), what, "motivation")
        version = check_int(item.get("version"), what, "version")
        updated = check_moment(item.get("updated_at"), what, "updated_at") or now
        ident = (cand, round_, key)
        if ident in seen:
            raise PackError(_("{what}: the same score appears twice").format(what=what))
        seen.add(ident)
        here = existing.get(ident)
        if (
            here is not None
            and here.version == version
            and here.value == value
            and here.motivation == motivation
        ):  # what _decide calls unchanged, asked first: most of a re-sent return is
            lines.append(Line(juror, cand, round_, key, UNCHANGED))
            continue
        status = _decide(
            here.version if here else None,
            (here.value, here.motivation) if here else None,
            version,
            (value, motivation),
            (cand, round_) in finalised,
        )
        status = hold(status, (cand, round_) in decided)
        if log is not None and status in OFFERED:
            log.check_score(what, ident, value, motivation, version)
        lines.append(
            Line(
                juror,
                cand,
                round_,
                key,
                status,
                "",
                {"value": here.value, "motivation": here.motivation, "version": here.version}
                if here and status in (CONFLICT, HELD)
                else None,
                {
                    "value": value,
                    "motivation": motivation,
                    "version": version,
                    "updated_at": updated.isoformat(),
                }
                if status in (CONFLICT, HELD)
                else None,
            )
        )
        if apply and status in (NEW, UPDATED):
            row = {
                "juror_id": juror,
                "candidature_id": cand,
                "round": round_,
                "criterion": key,
                "value": value,
                "motivation": motivation,
                "version": version,
                "updated_at": updated,
            }
            if here is None:
                new_scores.append(row)
            else:
                changed_scores.append({"id": here.id, **row})
    evaluation_n = _("evaluation {n}")
    for index, item in enumerate(evaluations, start=1):
        what = Row(evaluation_n, index)
        cand, round_ = target(item, what)
        comment = check_text(item.get("comment", ""), what, "comment")
        version = check_int(item.get("version"), what, "version")
        finalized = check_moment(item.get("finalized_at"), what, "finalized_at")
        updated = check_moment(item.get("updated_at"), what, "updated_at") or now
        here = evals.get((cand, round_))
        locked = (cand, round_) in finalised
        status = _decide(
            here.version if here else None,
            (here.comment, here.finalized_at is not None) if here else None,
            version,
            (comment, finalized is not None),
            locked,
        )
        status = hold(status, (cand, round_) in decided)
        if log is not None and status in OFFERED:
            ours = here.comment if here else ""
            log.check_evaluation(what, cand, round_, comment, finalized is not None, ours)
        lines.append(
            Line(
                juror,
                cand,
                round_,
                "",
                status,
                "",
                {
                    "comment": here.comment,
                    "finalized": here.finalized_at is not None,
                    "version": here.version,
                }
                if here and status in (CONFLICT, HELD)
                else None,
                {
                    "comment": comment,
                    "finalized_at": iso_moment(finalized),
                    "version": version,
                    "updated_at": updated.isoformat(),
                }
                if status in (CONFLICT, HELD)
                else None,
            )
        )
        if apply and status in (NEW, UPDATED):
            row = {
                "juror_id": juror,
                "candidature_id": cand,
                "round": round_,
                "comment": comment,
                "finalized_at": finalized,
                "version": version,
                "updated_at": updated,
            }
            if here is None:
                new_evals.append(row)
            else:
                changed_evals.append({"id": here.id, **row})
    # Written in bulk at the end: a return of thousands of scores is a few statements.
    applied["scores"] = score_rows([*new_scores, *changed_scores])
    applied["evaluations"] = evaluation_rows([*new_evals, *changed_evals])
    if new_scores:  # one driver executemany: the ORM's bulk insert adds nothing needed here
        insert_many(session.connection(), Score.__table__, new_scores)
    if changed_scores:
        session.execute(update(Score), changed_scores)
    if new_evals:
        insert_many(session.connection(), Evaluation.__table__, new_evals)
    if changed_evals:
        session.execute(update(Evaluation), changed_evals)
    return lines


def hold(status: str, decided: bool) -> str:
    """A change to a decided round is held for the secretariat, never applied silently."""
    return HELD if decided and status in (NEW, UPDATED) else status


def _decide(
    ours: int | None, our_content: Any, theirs: int, their_content: Any, locked: bool
) -> str:
    if ours is None:
        return LOCKED if locked else NEW
    if theirs < ours:
        return STALE
    if theirs == ours:
        return UNCHANGED if our_content == their_content else CONFLICT
    return LOCKED if locked else UPDATED


__all__ = ["write_return"]  # kept here too: callers import it from this module
