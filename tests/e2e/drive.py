"""Steps through the app that several end-to-end tests share, each waiting for what it expects."""

from __future__ import annotations

import re

from stretch_tui.domain.screening import load_questionnaire
from tests.e2e.terminal import Terminal

HOME_MARK = "Your profile"
"""Text that is on Home and nowhere else."""


def question_shown(part: int, number: int, total: int) -> re.Pattern[str]:
    """The screening's "Part p of 3" heading with "Question n of N" under it."""
    return re.compile(rf"Part {part} of 3 .*\n\s*Question {number} of {total}\b")


def answer_screening(term: Terminal, yes: set[str], timeout: float = 10.0) -> None:
    """On the screening's first question: answer every warning sign no, the directional
    questions yes for the ids in `yes` (no for the rest), and skip the activities; returns
    on the result page."""
    questionnaire = load_questionnaire()
    for part, questions in ((1, questionnaire.red_flags), (2, questionnaire.directions)):
        for number, question in enumerate(questions, start=1):
            term.wait_for(question_shown(part, number, len(questions)), timeout)
            term.send("y" if question.id in yes else "n")
    term.wait_for("Part 3 of 3", timeout)
    term.send("enter")  # an empty first activity skips the part
    term.wait_for("Your result:", timeout)


EXTENSION_ANSWERS = {"sitting-worse", "bending-worse", "arching-eases"}
"""Directional answers that make an extension responder."""
