"""Packs in the app: export, open and send back a juror's pack, import returns (actions);
imports the core and the ui shell."""
