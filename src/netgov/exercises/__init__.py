"""Checks for the exercise notebooks, one module per lesson (``from netgov.exercises import lesson1 as check``).

Every check computes the expected answer from the data package, so that a correction to the data
never leaves an exercise out of step, and answers with :class:`netgov.checks.Feedback`.
"""
