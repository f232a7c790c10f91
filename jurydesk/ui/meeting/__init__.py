"""The jury's meeting in the GUI: the declaration a juror signs before scoring, the meeting
window with its agenda, the projector view, and the jurors' progress."""
