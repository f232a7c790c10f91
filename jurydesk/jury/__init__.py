"""The jury: its members' declarations (verklaring op eer) and their progress; imports store,
audit and the scoring room, never letters, exports or the GUI."""
