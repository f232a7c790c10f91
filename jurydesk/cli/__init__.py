"""The scripting CLI, the secretariat's batch interface: the parser and one module per group of
commands; may import every core room, never the ui."""
