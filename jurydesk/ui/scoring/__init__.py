"""The Scoring tab: the juror's worklist and scoring form (view), its autosave and the
secretariat's reopen (saving), the criterion panel, the region's needs beside it, who is scoring
(identity); imports the core and the ui shell."""
