"""File › Export and File › Print: the export dialogs and the print dialog; imports the core
and the ui shell."""
