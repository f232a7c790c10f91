"""Decision letters: templates, content and PDF rendering."""
