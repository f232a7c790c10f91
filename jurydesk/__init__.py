"""JuryDesk: jury scoring for the Flemish 'Capacity Building Lokale Partnerschappen' calls."""

__version__ = "0.1.0"
