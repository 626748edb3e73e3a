"""Executable checks of the report: lint, due, score, export, diff and the forecast ledger.

A library and the ``report-checks`` command over the build's ``needs.json``, ``refs.bib`` and git.
Importing this package imports nothing else: each subcommand loads only the modules it needs, and
nothing here imports Sphinx (:mod:`checks.scoring` is also used by the Sphinx extension).
"""
