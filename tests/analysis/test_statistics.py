"""Intervals against published values and statsmodels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.statistics import (
    bonferroni_z,
    multinomial_difference,
    newcombe_difference,
    paired_mean_difference,
    wilson,
)

# Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10.
NEWCOMBE_1998 = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE_1998)
def test_newcombe__published_examples__match_to_four_decimals(counts, published):
    interval = newcombe_difference(*counts)
    assert (round(interval.low, 4), round(interval.high, 4)) == published


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.data())
def test_wilson__any_count__matches_statsmodels(n, data):
    count = data.draw(st.integers(0, n))
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    interval = wilson(count, n)
    assert interval.low == pytest.approx(low, abs=1e-12)
    assert interval.high == pytest.approx(high, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 300), st.integers(1, 300), st.data())
def test_newcombe__any_counts__matches_statsmodels(n1, n2, data):
    c1, c2 = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    low, high = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff")
    interval = newcombe_difference(c1, n1, c2, n2)
    assert interval.low == pytest.approx(low, abs=1e-9)
    assert interval.high == pytest.approx(high, abs=1e-9)


def test_wilson__published_example__newcombe_1998_table_i():
    # Newcombe (1998b), single proportion, 81 of 263: 0.2553 to 0.3662.
    interval = wilson(81, 263)
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.2553, 0.3662)


def test_wilson__empty_base__is_the_whole_range():
    assert (wilson(0, 0).low, wilson(0, 0).high) == (0.0, 1.0)


def test_interval__excludes_zero__only_when_zero_outside():
    assert newcombe_difference(56, 70, 48, 80).excludes_zero()
    assert not newcombe_difference(5, 56, 0, 29).excludes_zero()


def test_multinomial_difference__hand_computed():
    # 40 and 20 of 100: d = 0.2, var = (0.4 + 0.2 - 0.04) / 100 = 0.0056
    interval = multinomial_difference(40, 20, 100)
    half = 1.959963984540054 * math.sqrt(0.0056)
    assert interval.low == pytest.approx(0.2 - half)
    assert interval.high == pytest.approx(0.2 + half)


def test_paired_mean_difference__hand_computed():
    interval = paired_mean_difference([1, 2, 3, 4])  # mean 2.5, sd 1.291, se 0.6455
    assert interval.low == pytest.approx(2.5 - 1.959963984540054 * 0.6454972, abs=1e-6)


def test_bonferroni_z__one_test_is_the_plain_quantile_and_grows_with_tests():
    assert bonferroni_z(1) == pytest.approx(1.959963984540054)
    assert bonferroni_z(20) == pytest.approx(3.0233, abs=1e-4)
