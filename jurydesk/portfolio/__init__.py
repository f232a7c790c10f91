"""Portfolio: does a selection cover the region's needs, within its budget? Imports decisions,
results, regions and the store."""
