import contextlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

_axe = Axe()

# True once no finite CSS animation or transition is still running on the page.
SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().iterations === Infinity
)"""


@pytest.fixture
def assert_accessible():
    """Run axe-core (WCAG 2.1 A and AA rules) on the page in the browser; fail on any violation."""

    def check(page):
        # Scan the page as a person sees it once it settles: a message fading in (the admin's
        # "appear" transition) has the contrast of neither its start nor its end. A page that
        # keeps something moving (an admin widget's own animation) is scanned after 3 s.
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(SETTLED, timeout=3_000)
        results = _axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
                }
            },
        )
        assert results.violations_count == 0, results.generate_report()

    return check
