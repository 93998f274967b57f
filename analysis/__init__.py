"""What reaches the child: the numbers, the findings and the PDF brief.

Boundary rule: nothing in this package imports Flask (the CLI and the planner area
call it; see ``analysis/README.md``). The pipeline, one module per step:

compute: ``loading`` (responses → frame) → ``reach``, ``equity``, ``barriers``,
``scores``, ``voice`` (counts, registered in a ``suppression.Ledger``) →
``results.analyse`` (protected :class:`~analysis.results.Analysis`); structure:
``report.build_report`` (labels, audited findings) → render: ``brief`` (HTML and PDF),
``tables`` (aggregated export) or ``results_page``.
"""
