"""Nine hand-written parents' responses; the numbers in the tests are counted by hand.

Offers (see conftest.SITE): treff (0-3, 3-6, all districts), kita (3-6),
nordhaus (0-3, 3-6, only Nord).
"""

from __future__ import annotations

PARENT_ROWS = [
    # r0: 0-3, Nord; knows treff + nordhaus, uses treff (helps: ja), nordhaus: zeit
    {"alter": 1, "wohnort": "nord", "sprache": ["deutsch"], "allein": "no", "kennt": ["treff", "nordhaus"],
     "nutzt": ["treff"], "hilft": {"treff": "ja"}, "warum": {"nordhaus": "zeit"}, "w1": "2", "w2": "1"},
    # r1: 3-6, Süd, other language, single parent; knows kita, does not use it: kosten
    {"alter": 4, "wohnort": "sued", "sprache": ["andere"], "allein": "yes", "kennt": ["kita"], "nutzt": [],
     "warum": {"kita": "kosten"}, "w1": "0", "w2": "1"},
    # r2: 3-6, West, German and another language; knows and uses treff (teils) and kita (ja)
    {"alter": 5, "wohnort": "west", "sprache": ["deutsch", "andere"], "kennt": ["treff", "kita"],
     "nutzt": ["treff", "kita"], "hilft": {"treff": "teils", "kita": "ja"}, "w1": "2", "w2": "2"},
    # r3: 0-3, no district, knows nothing
    {"alter": 2, "kennt": []},
    # r4: no age: no life phase, so no offer is counted for this family
    {"wohnort": "nord", "kennt": ["treff"]},
    # r5: 3-6, Nord; knows and uses nordhaus (nein)
    {"alter": 4, "wohnort": "nord", "sprache": ["deutsch"], "kennt": ["nordhaus"], "nutzt": ["nordhaus"],
     "hilft": {"nordhaus": "nein"}},
    # r6: 0-3, Süd; knows treff and nordhaus (not meant for Süd), uses neither: zeit, zeit
    {"alter": 1, "wohnort": "sued", "sprache": ["deutsch"], "kennt": ["treff", "nordhaus"], "nutzt": [],
     "warum": {"treff": "zeit", "nordhaus": "zeit"}},
    # r7: 3-6, West; skipped the awareness question: left out of every offer's base
    {"alter": 3, "wohnort": "west"},
    # r8: 0-3, Süd, other language; ticked treff only as used (using implies knowing)
    {"alter": 0, "wohnort": "sued", "sprache": ["andere"], "kennt": [], "nutzt": ["treff"]},
]  # fmt: skip
