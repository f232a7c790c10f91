"""Decision letters: templates, content and PDF rendering; imports the domain rooms (results,
decisions, rebuttals, pitch, regions) below it."""
