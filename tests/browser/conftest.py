import pytest
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


@pytest.fixture
def assert_accessible():
    """Run axe-core (WCAG 2.1 A and AA rules) on the page in the browser; fail on any violation."""

    def check(page):
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
