"""Roster engine (pure core): problem objects in, roster and report out.

No file access, no printing, no Streamlit: readers and writers live in ``shells``.
"""

from .problem import (
    Assignment,
    Finding,
    History,
    Leave,
    LevelResult,
    PersonLimits,
    Pin,
    Post,
    Problem,
    Progress,
    Request,
    Roster,
    Rules,
    Slot,
    SolveParams,
    SolveResult,
)
from .solve import replan, solve

__all__ = [
    "Assignment", "Finding", "History", "LevelResult", "Leave", "PersonLimits", "Pin", "Post",
    "Problem", "Progress", "Request", "Roster", "Rules", "Slot", "SolveParams", "SolveResult",
    "solve", "replan",
]
