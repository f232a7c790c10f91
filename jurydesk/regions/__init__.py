"""Regions (werkingsgebieden): their addendum content, as data (loader, spec, service, text);
the lowest domain room: imports only the audit chain and the store."""
