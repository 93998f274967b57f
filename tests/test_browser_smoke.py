"""The browser harness itself: Debian's Chromium, our app, axe-core."""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser


def test_start_page__renders_and_is_axe_clean(page) -> None:
    response = page.goto("/")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("main h1").count() == 1
    assert_no_axe_violations(page)


def test_axe_helper__reports_a_real_violation(page) -> None:
    # The helper must be able to fail: an image without alt text is a violation.
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/x.png\">')"
    )
    ids = {violation["id"] for violation in axe_violations(page)}
    assert "image-alt" in ids
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
