"""How a command opens the database."""

READ, WRITE, NONE = "read", "write", "none"
