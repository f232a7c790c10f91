"""Mail: candidatures taken in from the submission mailbox."""
