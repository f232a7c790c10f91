"""The results tabs: the ranking (view, model), the portfolio, the pitch day and the
weerwoorden (rebuttals); imports the core and the ui shell."""
