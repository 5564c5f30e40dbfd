"""Shared people and calendar objects used by both cores (scheduler and appraisal).

Neither core imports the other; both import this package, so a person or a day
means the same thing in the roster and in the appraisal.
"""
