"""The scripting CLI: the secretariat's batch interface."""
