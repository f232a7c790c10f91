"""Scoring: the rubric (rubric: the file; rubrics: the services), the scores (autosave, blind
rules, finalise, context), the juror's worklist and form (worklist) and the bulk path; imports
the jury, regions, the audit chain and the store."""
