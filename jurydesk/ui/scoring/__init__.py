"""The Scoring tab: the juror's worklist and scoring form (view, its saving in autosave), the
criterion panel, the region's needs beside it, who is scoring (identity); imports the core and
the ui shell."""
