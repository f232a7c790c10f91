"""The secretariat's settings of a region (region): checked against the candidatures, the
rubric, the pitch days and the portfolio, so it sits above those domain rooms and below the
outputs (letters, exports, mail) that follow the settings."""
