"""Results room: rankings and what they are worth (agreement, jurors, rank intervals, thresholds);
imports store/, audit and the scoring room's results, never letters, exports or ui."""
