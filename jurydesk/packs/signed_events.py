"""A juror's laptop signs its own scoring, and the secretariat checks it at the merge.

A pack whose juror has a signing key carries that key wrapped with the juror's PIN (never the
secretariat's key, never unwrapped); the laptop opens it at the PIN sign-in, and every score,
comment and finalisation written there carries the juror's MAC. The return then carries the
laptop's audit log: the secretariat recomputes its chain, checks each scoring event's MAC with
the juror's key (derived from its own key), and accepts only rows of scores and evaluations
that a signed event holds. Someone with the laptop's file but without the PIN can recompute
the chain, not the MACs: an edited score is refused with its row named.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import GENESIS, event_hash
from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.packs.fields import Row
from jurydesk.store import audit_keys
from jurydesk.store.models import AuditEvent

_FIELDS = ("actor", "action", "entity", "entity_key", "prev_hash", "hash")


def laptop_events(session: Session, juror: int) -> list[dict[str, Any]] | None:
    """The laptop's whole audit log, in chain order, for the return (None when the pack
    carried no signing key: nothing could be checked)."""
    if audit_keys.wrapped_juror_key(session, juror) is None:
        return None
    return [
        {
            "at": e.at.astimezone(UTC).isoformat(),
            **{name: getattr(e, name) for name in _FIELDS},
            "old": e.old,
            "new": e.new,
            "mac": e.mac,
        }
        for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    ]


def exports(session: Session) -> dict[int, list[AuditEvent]]:
    """Every juror's pack export events, in one pass over the log (a batch of returns reads
    them once: the log has no index on the action)."""
    out: dict[int, list[AuditEvent]] = {}
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.action == "pack_export", AuditEvent.entity == "juror")
    ):
        if event.entity_key.isdigit():
            out.setdefault(int(event.entity_key), []).append(event)
    return out


def _sound(event: AuditEvent, key: bytes) -> bool:
    digest = event_hash(
        event.prev_hash,
        event.at,
        event.actor,
        event.action,
        event.entity,
        event.entity_key,
        event.old,
        event.new,
    )
    return digest == event.hash and event.mac == "s:" + audit_keys.mac(key, digest)


def _carried_key(event: AuditEvent) -> bool:
    return isinstance(event.new, dict) and bool(event.new.get("juror_key"))


def required(
    session: Session,
    juror: int,
    pack_id: object,
    cache: dict[str, Any] | None = None,
) -> bytes | None:
    """The juror's key when their returns must hold signed events; None when none of their
    packs carried the key (made by an older version, or a juror without one).

    Once a pack that signs went to the juror, every later return of theirs must be signed:
    a return naming an older pack (its pack id is the laptop's to write) cannot downgrade.
    What each pack carried is read from its export event, whose MAC is checked first.
    ``cache``: a batch's dict, so that the export events are read once for all its returns."""
    cache = {} if cache is None else cache  # a batch of returns reads the exports once
    if "exports" not in cache:
        cache["exports"] = exports(session)
    issued = cache["exports"].get(juror, [])
    if issued and not any(
        isinstance(e.new, dict) and e.new.get("pack_id") == pack_id for e in issued
    ):
        raise PackError(
            _("this return names a pack that was never issued to juror {id}").format(id=juror)
        )
    key = audit_keys.ring(session.connection()).secretariat
    if key is not None and any(e.mac is not None and not _sound(e, key) for e in issued):
        raise PackError(
            _(
                "the audit event of a pack's export was altered in the database: run "
                "jurydesk audit verify; nothing was imported"
            )
        )
    if not any(_carried_key(e) for e in issued):
        return None
    if key is None:
        raise PackError(
            _(
                "this juror's scoring is signed with their own key: sign in as the "
                "secretariat (passphrase) to check and import the return"
            )
        )
    return audit_keys.juror_key(key, juror)


class SignedLog:
    """The laptop's audit log as the return carries it, checked; what the juror signed."""

    def __init__(self, events: object, juror: int, key: bytes) -> None:
        if not isinstance(events, list):
            raise PackError(
                _(
                    "this return holds no signed events of the laptop, while the juror's pack "
                    "signs their scoring: make the return from the newest pack (a return from "
                    "an older pack, or an altered one, is refused)"
                )
            )
        self.scores: dict[tuple[int, int, str], tuple[Any, str, int]] = {}
        self.comments: dict[tuple[int, int], str] = {}
        self.finalized: set[tuple[int, int]] = set()
        self.declarations: dict[str, tuple[str, datetime]] = {}  # region: typed name, when
        self.conflicts: dict[int, str] = {}  # candidature: reason
        prev = GENESIS
        event_n = _("laptop event {n}")
        for index, item in enumerate(events, start=1):
            what = Row(event_n, index)
            if type(item) is not dict or not all(
                isinstance(item.get(name), str) for name in (*_FIELDS, "at")
            ):
                raise PackError(_("{what} is not a well-formed audit event").format(what=what))
            if item["prev_hash"] != prev:
                raise PackError(
                    _(
                        "{what}: the laptop's audit log is broken here (an event was removed, "
                        "added or reordered)"
                    ).format(what=what)
                )
            try:
                at = datetime.fromisoformat(item["at"])
            except ValueError:
                raise PackError(_("{what} has no valid time").format(what=what)) from None
            digest = event_hash(
                prev,
                at,
                item["actor"],
                item["action"],
                item["entity"],
                item["entity_key"],
                item.get("old"),
                item.get("new"),
            )
            if digest != item["hash"]:
                raise PackError(_("{what}: this event was altered").format(what=what))
            prev = digest
            action, entity_key = item["action"], item["entity_key"]
            if not audit_keys.in_scope(juror, action, entity_key):
                continue  # the pack's opening, PIN failures: not the juror's to sign
            signed = item.get("mac")
            good = f"j{juror}:" + audit_keys.mac(key, digest)
            if not isinstance(signed, str) or not hmac.compare_digest(
                signed.encode("utf-8", "replace"), good.encode()
            ):
                raise PackError(
                    _(
                        "{what} ({action} {key}): no valid MAC of the juror's key: it was "
                        "written or changed without the juror's PIN"
                    ).format(what=what, action=action, key=entity_key)
                )
            self._apply(what, action, entity_key, item.get("new"))

    def _apply(self, what: Row, action: str, entity_key: str, new: Any) -> None:
        parts = entity_key.split("/", 3)
        try:
            if action == "declaration":
                at = datetime.fromisoformat(new["signed_at"])
                self.declarations[parts[1]] = (str(new.get("typed_name") or ""), at)
                return
            if action == "conflict_add":
                self.conflicts[int(parts[1])] = str(new["reason"]).strip()
                return
            cand, round_ = int(parts[1]), int(parts[2])
            if action == "score":
                value = None if new["value"] is None else float(new["value"])
                signed = (value, str(new.get("motivation") or ""), int(new["version"]))
                self.scores[(cand, round_, parts[3])] = signed
            elif action == "comment":
                self.comments[(cand, round_)] = str(new["comment"])
            else:
                self.finalized.add((cand, round_))
        except (IndexError, KeyError, TypeError, ValueError):
            raise PackError(
                _("{what} is not a well-formed audit event").format(what=what)
            ) from None

    def check_score(
        self, what: Row, ident: tuple[int, int, str], value: Any, motivation: str, version: int
    ) -> None:
        """A score the merge would write or offer: refused unless the juror signed it."""
        cand, round_, criterion = ident
        number = None if value is None else float(value)
        if self.scores.get(ident) != (number, motivation, version):
            raise PackError(
                _(
                    "{what} (candidature {id}, round {round}, criterion {criterion}): the "
                    "juror did not sign this score on the laptop; it was changed without "
                    "the juror's PIN. Nothing was imported"
                ).format(what=what, id=cand, round=round_, criterion=criterion)
            )

    def check_evaluation(
        self, what: Row, cand: int, round_: int, comment: str, finalized: bool, ours: str
    ) -> None:
        """``ours``: the secretariat's comment (the one the pack carried, unless signed anew)."""
        expected = self.comments.get((cand, round_), ours)
        if comment != expected or finalized != ((cand, round_) in self.finalized):
            raise PackError(
                _(
                    "{what} (candidature {id}, round {round}): the juror did not sign this "
                    "comment or finalisation on the laptop; it was changed without the "
                    "juror's PIN. Nothing was imported"
                ).format(what=what, id=cand, round=round_)
            )

    def check_declaration(self, what: Row, slug: str, typed_name: str, at: datetime) -> None:
        """A declaration on honour the return brings: refused unless the juror signed it."""
        if self.declarations.get(slug) != (typed_name, at):
            raise PackError(
                _(
                    "{what} ({region}): the juror did not sign this declaration on honour on "
                    "the laptop; it was added without the juror's PIN. Nothing was imported"
                ).format(what=what, region=slug)
            )

    def check_conflict(self, what: Row, candidature: int, reason: str) -> None:
        if self.conflicts.get(candidature) != reason:
            raise PackError(
                _(
                    "{what} (candidature {id}): the juror did not declare this conflict of "
                    "interest on the laptop; it was added without the juror's PIN. Nothing was "
                    "imported"
                ).format(what=what, id=candidature)
            )
