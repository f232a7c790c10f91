"""Results: the arithmetic (aggregate) and the ranking of a region's round with its
statistics, sensitivity and proposals (ranking); imports scoring and the rooms below it."""
