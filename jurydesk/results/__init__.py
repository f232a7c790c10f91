"""Results: the arithmetic (aggregate), the ranking of a region's round with its statistics,
sensitivity and proposals (ranking), and what the ranking is worth: agreement, jurors, rank
intervals, the funding line, thresholds and tie-breaks, the calibration round (quality and its
helpers); imports scoring and the rooms below it."""
