"""The pitch timer as a pure state machine: the GUI feeds it the clock."""

from __future__ import annotations

from dataclasses import dataclass

PRESENTATION, QUESTIONS, DONE = "presentation", "questions", "done"


@dataclass(frozen=True)
class TimerState:
    phase: str
    remaining: float  # seconds left in this phase
    warning: bool  # within the warning time before the end of the phase
    overtime: float  # seconds past the end of the questions


class PitchTimer:
    def __init__(self, presentation: float, questions: float, warning: float) -> None:
        self.presentation, self.questions, self.warning = presentation, questions, warning
        self.elapsed = 0.0
        self.running_since: float | None = None

    def start(self, now: float) -> None:
        if self.running_since is None:
            self.running_since = now

    def pause(self, now: float) -> None:
        if self.running_since is not None:
            self.elapsed += now - self.running_since
            self.running_since = None

    def reset(self) -> None:
        self.elapsed, self.running_since = 0.0, None

    def skip_to_questions(self, now: float) -> None:
        running = self.running_since is not None
        self.elapsed = self.presentation
        self.running_since = now if running else None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def state(self, now: float) -> TimerState:
        spent = self.elapsed + (now - self.running_since if self.running_since is not None else 0)
        if spent < self.presentation:
            left = self.presentation - spent
            return TimerState(PRESENTATION, left, left <= self.warning, 0.0)
        spent -= self.presentation
        if spent < self.questions:
            left = self.questions - spent
            return TimerState(QUESTIONS, left, left <= self.warning, 0.0)
        return TimerState(DONE, 0.0, True, spent - self.questions)
