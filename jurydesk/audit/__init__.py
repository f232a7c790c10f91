"""The audit chain (record, head, anchor, actors), its replay and verify; sits just above the
store and imports no domain room: every domain room records through it."""
