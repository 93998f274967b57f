"""What reaches the child: the numbers, the findings and the PDF brief.

Boundary rule: nothing in this package imports Flask (the CLI and the planner area
call it; see ``analysis/README.md``). The pipeline, one module per step:

``loading`` (responses → frame) → ``reach``, ``equity``, ``barriers``, ``scores``,
``voice`` (counts, registered in a ``suppression.Ledger``) → ``results.analyse``
(protected :class:`~analysis.results.Analysis`) → ``findings`` (sentences) →
``brief`` (HTML and PDF) or ``tables`` (aggregated export).
"""
