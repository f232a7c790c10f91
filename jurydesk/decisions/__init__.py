"""How the jury decides: consensus per candidature, the guards on a decision, and the meeting
that records it all; imports store, audit, jury and scoring, never letters, exports or the GUI."""
