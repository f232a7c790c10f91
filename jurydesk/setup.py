"""Creating a database: the bundled regions, and on request the demo candidatures."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import secretariat_actor
from jurydesk.candidatures.rules import region_rules
from jurydesk.candidatures.service import add_candidatures, existing_organisations
from jurydesk.candidatures.tabular import read_table
from jurydesk.candidatures.validate import validate_rows
from jurydesk.demo.jury import add_demo_jury
from jurydesk.i18n import _
from jurydesk.passphrase import DEMO_PASSPHRASE, has_passphrase, set_passphrase
from jurydesk.paths import resources_dir
from jurydesk.regions.loader import bundled_region_files, load_region_file
from jurydesk.regions.service import install_region, record_installed
from jurydesk.scoring.rubric import bundled_rubric_files, load_rubric_file
from jurydesk.scoring.rubrics import install_rubric
from jurydesk.store import Store, audit_keys
from jurydesk.store.mail_models import MailMessage
from jurydesk.store.models import (
    Candidature,
    Decision,
    Document,
    Juror,
    Region,
    RubricRow,
    Score,
    Setting,
)


class DemoRefused(ValueError):
    """Demo data asked for a database that already holds real work."""


# What makes a database somebody's work rather than a new one (the bundled regions and
# rubrics do not: `init` installs them).
_WORK = (Candidature.id, Juror.id, Document.id, Score.id, Decision.id, MailMessage.id)


def demo_refusal(session: Session) -> str | None:
    """Why the demo data may not go into this database, or None when it is new and empty."""
    if has_passphrase(session):
        return _(
            "the demo data goes only into a new, empty database: this one has a "
            "secretariat passphrase (choose another --db for the demo)"
        )
    for column in _WORK:
        if session.scalar(select(column).limit(1)) is not None:
            return _(
                "the demo data goes only into a new, empty database: this one already "
                "holds {table} (choose another --db for the demo)"
            ).format(table=column.class_.__tablename__)
    return None


@dataclass
class InitReport:
    regions_added: list[str] = field(default_factory=list)
    rubrics_added: list[str] = field(default_factory=list)
    candidatures_added: int = 0


def is_empty(store: Store) -> bool:
    return store.is_empty()


def initialise(store: Store, *, demo: bool, passphrase: str | None = None) -> InitReport:
    """Install every bundled region that is missing; with ``demo`` add the demo candidatures.

    Runs as one transaction: a broken bundled file leaves the database as it was.
    """
    report = InitReport()
    specs = [load_region_file(path) for path in bundled_region_files()]
    rubrics = [(load_rubric_file(path), path) for path in bundled_rubric_files()]
    with store.session() as session:
        if demo:
            refusal = demo_refusal(session)
            if refusal:
                raise DemoRefused(refusal)
        if passphrase is None and demo:
            passphrase = DEMO_PASSPHRASE  # the demo database: documented in the README
        if passphrase is not None and not has_passphrase(session):
            # first: the audit key exists before the first region, PIN or score is written
            set_passphrase(session, passphrase)
        # recorded where the events can carry their MAC (a new database, or the key unlocked):
        # `init` on a database whose key is locked adds what is missing, taken as given
        actor = secretariat_actor() if _may_record(session) else None
        present_rubrics = set(session.scalars(select(RubricRow.key)))
        for rubric, path in rubrics:
            if rubric.key not in present_rubrics:
                install_rubric(session, rubric, path.read_text("utf-8"), actor=actor)
                report.rubrics_added.append(rubric.key)
        present = set(session.scalars(select(Region.slug)))
        for spec in specs:
            if spec.slug not in present:
                install_region(session, spec)
                if actor is not None:
                    record_installed(session, spec.slug, actor)
                report.regions_added.append(spec.slug)
        if demo:
            report.candidatures_added = _add_demo(session)
            if report.candidatures_added:
                from jurydesk.demo.documents import add_demo_documents

                add_demo_documents(session)
            if report.candidatures_added and not session.scalar(select(Juror.id).limit(1)):
                add_demo_jury(session)
                from jurydesk.jury.pins import DEMO_PIN, set_pin

                for juror in session.scalars(select(Juror.id)):  # documented in the README
                    set_pin(session, "demo", juror, DEMO_PIN)
            session.merge(Setting(key="demo", value="1"))
            for slug in ("leuven", "dijleland-plus"):  # fictional: the demo letters stay whole
                key = f"weerwoord_address:{slug}"
                if session.get(Setting, key) is None:
                    session.add(Setting(key=key, value=f"weerwoord.{slug}@jurydesk.example"))
                _demo_letter_settings(session, slug)
                _record_demo_settings(session, slug)
    return report


def _may_record(session: Session) -> bool:
    """Whether an event written now carries a valid MAC, or needs none (no key yet)."""
    if not audit_keys.has_key(session):
        return True
    return audit_keys.ring(session.connection()).secretariat is not None


def _record_demo_settings(session, slug: str) -> None:  # type: ignore[no-untyped-def]
    """The demo's letter settings as an event, as the region settings would record them:
    `audit verify` compares them with the tables from here on."""
    from jurydesk.audit.chain import record
    from jurydesk.settings.letters import load_letter_settings

    letters = load_letter_settings(session, slug)
    address = session.get(Setting, f"weerwoord_address:{slug}")
    after = {
        "weerwoord_address": address.value if address else "",
        "signatory": letters.signatory,
        "signatory_function": letters.signatory_function,
        "letterhead": letters.letterhead,
        "sender": letters.sender,
    }
    record(session, "demo", "region_settings", "region", slug, None, after)


def _demo_letter_settings(session, slug: str) -> None:  # type: ignore[no-untyped-def]
    """A fictional signatory, letterhead and sender (the demo's letters are never sent)."""
    from jurydesk.settings.letters import (
        LetterSettings,
        load_letter_settings,
        save_letter_settings,
    )

    if load_letter_settings(session, slug).signatory:
        return
    name = {"leuven": "Leuven", "dijleland-plus": "Dijleland+"}[slug]
    save_letter_settings(
        session,
        slug,
        LetterSettings(
            signatory="Jana Voorbeeld",
            signatory_function=f"Secretariaat lokaal partnerschap {name} (demo)",
            letterhead=f"Lokaal partnerschap Capacity Building {name}\nSecretariaat (demo)",
            sender=f"Voorbeeldstraat 1, 3000 Leuven\nsecretariaat.{slug}@jurydesk.example",
        ),
    )


def _add_demo(session) -> int:  # type: ignore[no-untyped-def]
    added = 0
    for path in sorted((resources_dir() / "demo").glob("candidatures-*.csv")):
        slug = path.stem.removeprefix("candidatures-")
        rules = region_rules(session, slug)
        if session.scalar(select(Candidature.id).where(Candidature.region_id == rules.region_id)):
            continue
        header, rows = read_table(path)
        result = validate_rows(
            header, rows, rules, existing_organisations(session, rules), path.parent
        )
        if not result.ok:
            problems = "; ".join(str(p) for p in result.errors)
            raise ValueError(f"the bundled demo file {path.name} is invalid: {problems}")
        added += add_candidatures(session, rules, result.candidatures)
    return added
