"""The proposal reader: PDF pages, Word as clean HTML, text and images, beside the rubric;
imports documents and the ui shell."""
