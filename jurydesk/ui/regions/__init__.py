"""The Region tab: the region as HTML (html) and its view; imports the core and the ui shell."""
