"""The pure core of report-as-code: what an assessment is, the rules it obeys, and its score.

Both the Sphinx extension (:mod:`assessments`) and the command line (:mod:`checks`) stand on
this package, and it imports neither of them, nor Sphinx, nor docutils:

- :mod:`~tradecraft.vocabulary`: kinds, fields, links and verdicts, declared once;
- :mod:`~tradecraft.yardstick`: probability yardsticks;
- :mod:`~tradecraft.dates`: the one date format and the one "as of" resolution;
- :mod:`~tradecraft.coding`: the coding rules fixed before the verdict (hedges, windows);
- :mod:`~tradecraft.rules`: the one validation rule set, with one wording per rule;
- :mod:`~tradecraft.records`: the typed records read from ``needs.json``;
- :mod:`~tradecraft.resolution`: status, verdict and score of each forecast;
- :mod:`~tradecraft.scoring`: Brier and log scores, calibration, the score's range;
- :mod:`~tradecraft.ledger`: the record of published forecasts and their revisions;
- :mod:`~tradecraft.bibliography`: ``refs.bib`` read and checked.

Importing a module imports only what it needs, so the command line starts fast.
"""
