"""Decision e-mails as .eml drafts, read back with the standard parser and pypdf."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from pypdf import PdfReader

from jurydesk.mail.drafts import write_drafts
from jurydesk.mail.templates import MailTemplateError
from jurydesk.store.models import Candidature

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def test_one_draft_per_letter_with_its_pdf(demo_store, tmp_path):
    drafts, refused = write_drafts(demo_store, tmp_path / "uit", "leuven", 1, SENDER)
    assert refused == []
    assert drafts and len({d.file for d in drafts}) == len(drafts)
    with demo_store.reader() as session:
        for draft in drafts:
            cand = session.get(Candidature, draft.candidature)
            raw = draft.file.read_bytes()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert message["To"].addresses[0].addr_spec == cand.email
            subject = str(message["Subject"])
            assert message["X-Unsent"] == "1"
            body = message.get_body(("plain",)).get_content()
            assert cand.contact in body
            if subject.startswith("Uitnodiging"):  # the invitation to the pitch
                assert "pitch" in body and "weerwoord" not in body
            else:
                assert subject.startswith("Beslissing") and "weerwoord" in body
            [attachment] = list(message.iter_attachments())
            pdf = PdfReader(io.BytesIO(attachment.get_content()))
            text = "".join(page.extract_text() for page in pdf.pages)
            assert cand.organisation.split()[0] in text


def test_a_dry_run_writes_nothing_and_a_bad_sender_is_refused(demo_store, tmp_path):
    drafts, _ = write_drafts(demo_store, tmp_path / "uit", "leuven", 1, SENDER, dry_run=True)
    assert drafts and not (tmp_path / "uit").exists()
    with pytest.raises(MailTemplateError, match="e-mailadres"):
        write_drafts(demo_store, tmp_path / "uit", "leuven", 1, "secretariaat")
