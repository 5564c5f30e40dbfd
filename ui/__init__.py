"""Streamlit front end: one small module per page, one module (``ui.state``) owning session state.

Nothing in ``scheduler`` or ``appraisal`` imports this package; the pages call the engines
through ``ui.engine`` and ``ui.appraisal_engine``, which turn every failure into a message.
"""
