"""The Candidatures tab: the list (view, model), a candidature as HTML, the import dialog;
imports the core, the reader and the ui shell."""
