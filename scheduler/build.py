"""Helpers that derive problem parts, shared by readers, generators and tests."""

from __future__ import annotations

from office.calendar import Day

from .problem import Post, Slot


def township_slots(days: tuple[Day, ...], posts: tuple[Post, ...]) -> tuple[Slot, ...]:
    """Every (day, post) whose day type the post lists needs exactly ``headcount`` people."""
    return tuple(
        Slot(date=d.date, post_id=p.post_id, required=p.headcount)
        for d in days
        for p in posts
        if d.day_type in p.day_types and p.headcount > 0
    )
