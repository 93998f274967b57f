"""The names of dimensions and groups that every step shares, computing and rendering.

Defined here once so that a renderer can read the report structure by these names
without importing the module that computes the numbers.
"""

from __future__ import annotations

#: The dimension and group of overall figures.
ALL = "all"
#: The group of respondents who did not answer the question a dimension is based on.
NOT_STATED = "_none"
LIFE_PHASE = "life_phase"
DISTRICT = "district"
EQUITY_PREFIX = "eq:"
#: The two groups of an equity dimension: members and the rest of those who answered.
MEMBER, REST = "member", "rest"
#: The group that collects languages or events with fewer than k responses.
OTHERS = "_other"
#: The ``offer`` of the barrier summary over all offers.
ALL_OFFERS = "*all*"
#: The option key of "none ticked" in a multiple-choice summary.
NONE_TICKED = "_none"
