"""The juror's declaration (verklaring op eer): no conflict of interest, confidentiality.

A juror signs once per region, in the app (their name typed and their PIN), in their pack, or
on paper (the secretariat records the date). While signing they declare their conflicts. The
score edit's checks (scoring/context.py) refuse a juror without a signed declaration for the
candidature's region. The text is the region's own, else JuryDesk's template in resources/.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay_rows import text_sha256
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, current_language
from jurydesk.jury.pins import has_pin, verify_pin
from jurydesk.jury.service import add_conflict, get_juror
from jurydesk.paths import resources_dir
from jurydesk.regions.service import get_region
from jurydesk.store.meeting_models import Declaration, RegionJurySettings
from jurydesk.store.models import Candidature, Conflict, Juror, PanelMember

APP, PACK, PAPER = "app", "pack", "paper"
BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class DeclarationStatus:
    juror: int
    name: str
    role: str
    signed_at: datetime | None
    how: str  # "" when not signed
    conflicts: dict[int, str] = field(default_factory=dict)  # candidature -> reason

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def template(language: str | None = None) -> tuple[str, str]:
    """JuryDesk's template: (text, source note)."""
    language = language or current_language()
    path = resources_dir() / "declarations" / f"{language}.toml"
    if not path.is_file():
        path = resources_dir() / "declarations" / "nl.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    return str(data["text"]).strip(), str(data["source"])


def jury_settings(session: Session, region_id: int) -> RegionJurySettings:
    """The region's meeting settings (defaults when the secretariat set none)."""
    row = session.get(RegionJurySettings, region_id)
    return row if row is not None else RegionJurySettings(region_id=region_id, min_finalised=2)


def declaration_text(session: Session, slug: str, language: str | None = None) -> str:
    own = jury_settings(session, get_region(session, slug).id).declaration_text
    return own if own else template(language)[0]


def set_jury_settings(
    session: Session,
    actor: str,
    slug: str,
    *,
    min_finalised: int | None = None,
    quorum: int | bool | None = False,
    text: str | bool | None = False,
) -> RegionJurySettings:
    """Change what is given; ``quorum=None`` / ``text=None`` go back to the default, ``False``
    (the default) leaves them."""
    region = get_region(session, slug)
    row = session.get(RegionJurySettings, region.id)
    if row is None:
        row = RegionJurySettings(region_id=region.id, min_finalised=2)
        session.add(row)
    old = {"min_finalised": row.min_finalised, "quorum": row.quorum, "text": row.declaration_text}
    if min_finalised is not None:
        if min_finalised < 0:
            raise ScoringError(_("the minimum of finalised jurors cannot be negative"))
        row.min_finalised = min_finalised
    if quorum is not False:
        if isinstance(quorum, int) and quorum < 1:
            raise ScoringError(_("a quorum is at least 1 juror"))
        row.quorum = quorum if isinstance(quorum, int) else None
    if text is not False:
        row.declaration_text = text.strip() if isinstance(text, str) and text.strip() else None
    new = {"min_finalised": row.min_finalised, "quorum": row.quorum, "text": row.declaration_text}
    if new != old:
        audit.record(session, actor, "jury_settings", "region", slug, old, new)
    return row


def has_signed(session: Session, juror_id: int, region_id: int) -> bool:
    return (
        session.scalar(
            select(Declaration.id).where(
                Declaration.juror_id == juror_id, Declaration.region_id == region_id
            )
        )
        is not None
    )


def _same_name(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


def _record(
    session: Session,
    actor: str,
    juror_id: int,
    slug: str,
    how: str,
    typed_name: str,
    signed_at: datetime,
    conflicts: dict[int, str],
) -> DeclarationStatus:
    region = get_region(session, slug)
    juror = get_juror(session, juror_id)
    on_panel = session.scalar(
        select(PanelMember.id).where(
            PanelMember.juror_id == juror_id, PanelMember.region_id == region.id
        )
    )
    if on_panel is None:
        raise ScoringError(
            _("juror {juror} is not on a panel of {region}").format(
                juror=juror_id, region=region.name
            )
        )
    if has_signed(session, juror_id, region.id):
        raise ScoringError(
            _("juror {juror} signed the declaration (verklaring) for {region} already").format(
                juror=juror_id, region=region.name
            )
        )
    ours = set(session.scalars(select(Candidature.id).where(Candidature.region_id == region.id)))
    for candidature, reason in sorted(conflicts.items()):
        if candidature not in ours:
            raise ScoringError(
                _("candidature {id} is not a candidature of {region}").format(
                    id=candidature, region=region.name
                )
            )
        if not reason.strip():
            raise ScoringError(
                _("the conflict of interest with candidature {id} needs a reason").format(
                    id=candidature
                )
            )
    text = declaration_text(session, slug)
    session.add(
        Declaration(
            juror_id=juror_id,
            region_id=region.id,
            how=how,
            typed_name=typed_name,
            text=text,
            signed_at=signed_at,
            recorded_by=actor,
        )
    )
    known = set(
        session.scalars(select(Conflict.candidature_id).where(Conflict.juror_id == juror_id))
    )
    for candidature, reason in sorted(conflicts.items()):
        if candidature not in known:
            add_conflict(session, actor, juror_id, candidature, reason)
    audit.record(
        session,
        actor,
        "declaration",
        "juror",
        f"{juror_id}/{slug}",
        None,
        {
            "how": how,
            "signed_at": signed_at.isoformat(),
            "typed_name": typed_name,
            "text_sha256": text_sha256(text),
            "conflicts": {str(k): v for k, v in sorted(conflicts.items())},
        },
    )
    session.flush()
    return _status(session, region.id, juror)


def sign(
    session: Session,
    actor: str,
    juror_id: int,
    slug: str,
    typed_name: str,
    pin: str | None,
    conflicts: dict[int, str] | None = None,
    *,
    in_pack: bool = False,
) -> DeclarationStatus:
    """The juror signs: their name typed as it is on the jury, and their PIN. In a juror's
    own database (``in_pack``) without a PIN the pack's code identified them already."""
    juror = get_juror(session, juror_id)
    if not _same_name(typed_name, juror.name):
        raise ScoringError(
            _("type your name as it is on the jury ('{name}') to sign the declaration").format(
                name=juror.name
            )
        )
    needs_pin = not in_pack or has_pin(session, juror_id)
    if needs_pin and not (pin and verify_pin(session, juror_id, pin)):
        raise ScoringError(_("the PIN is not correct: the declaration (verklaring) is not signed"))
    how = PACK if in_pack else APP
    return _record(
        session, actor, juror_id, slug, how, typed_name.strip(), datetime.now(UTC), conflicts or {}
    )


def record_on_paper(
    session: Session,
    actor: str,
    juror_id: int,
    slug: str,
    signed_on: date,
    conflicts: dict[int, str] | None = None,
) -> DeclarationStatus:
    """The secretariat records a declaration signed on paper, on the day it was signed."""
    if signed_on > datetime.now(BRUSSELS).date():
        raise ScoringError(
            _("a declaration cannot be signed in the future ({date})").format(
                date=signed_on.isoformat()
            )
        )
    moment = datetime.combine(signed_on, time(12), BRUSSELS).astimezone(UTC)
    return _record(session, actor, juror_id, slug, PAPER, "", moment, conflicts or {})


def _status(session: Session, region_id: int, juror: Juror) -> DeclarationStatus:
    row = session.scalar(
        select(Declaration).where(
            Declaration.juror_id == juror.id, Declaration.region_id == region_id
        )
    )
    conflicts = dict(
        session.execute(
            select(Conflict.candidature_id, Conflict.reason)
            .join(Candidature, Candidature.id == Conflict.candidature_id)
            .where(Conflict.juror_id == juror.id, Candidature.region_id == region_id)
            .order_by(Conflict.candidature_id)
        ).all()
    )
    return DeclarationStatus(
        juror.id,
        juror.name,
        juror.role,
        row.signed_at if row else None,
        row.how if row else "",
        conflicts,
    )


def declarations(session: Session, slug: str) -> list[DeclarationStatus]:
    """Every juror on a panel of the region, signed or not."""
    region = get_region(session, slug)
    jurors = session.scalars(
        select(Juror)
        .where(Juror.id.in_(select(PanelMember.juror_id).where(PanelMember.region_id == region.id)))
        .order_by(Juror.id)
    )
    return [_status(session, region.id, j) for j in jurors]


def how_label(how: str) -> str:
    return {APP: _("in the app"), PACK: _("in the pack"), PAPER: _("on paper")}.get(how, how)
