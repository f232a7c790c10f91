"""Mail: candidatures and weerwoorden taken in from the mailbox, letters and receipts sent out
(outbox, SMTP); imports exports, letters and the domain rooms below."""
