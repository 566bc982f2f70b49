"""The API's browsable docs (``/api/docs``): ninja's Swagger UI from the portal's own static
files, under the portal's strict Content-Security-Policy."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every Content-Security-Policy violation the page meets, as the browser reports it.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The docs page is left out of the public pages' full axe set (``assert_accessible``, which adds
# axe's best practices) for one best practice that Swagger UI's own markup breaks and no setting
# changes: "heading-order" (the API's title is an h1, each group of operations an h3, with no
# h2 between). Every WCAG 2.1 A and AA rule is checked and passes: the portal's template gives
# the page its language and main landmark, its stylesheet the contrast that Swagger UI's badges
# lack, and without deep links no link is nested in an operation's button.
SWAGGER_UI_BEST_PRACTICE_VIOLATIONS = {"heading-order"}


@pytest.fixture
def docs(page, live_server):
    """The docs page, once Swagger UI has drawn the five operations."""
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    response = page.goto(f"{live_server.url}/api/docs")
    page.locator(".opblock").nth(3).wait_for()
    page.problems = problems
    page.policy = response.headers["content-security-policy"]
    return page


def test_the_docs_render_every_operation_with_no_policy_violation(docs):
    assert "script-src 'self'" in docs.policy
    assert "style-src 'self';" in docs.policy
    assert docs.locator(".opblock-summary-path").all_inner_texts() == [
        "/api/cities/",
        "/api/cities/{slug}/",
        "/api/case-studies/",
        "/api/case-studies/{pk}/",
        "/api/events/",
    ]
    assert docs.evaluate("window.cspViolations") == []
    assert docs.problems == []


def test_an_operation_can_be_tried_from_the_docs(docs):
    docs.get_by_role("button", name="GET /api/cities/ Member cities").click()
    docs.get_by_role("button", name="Try it out").click()
    docs.get_by_role("button", name="Execute").click()

    answer = docs.locator(".live-responses-table tbody .response")
    assert answer.locator(".response-col_status").inner_text() == "200"
    assert '"count": 0' in answer.locator(".microlight").first.inner_text()
    assert docs.evaluate("window.cspViolations") == []
    assert docs.problems == []


def test_the_docs_pass_every_wcag_21_aa_rule_of_axe(docs):
    wcag = Axe().run(docs, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    best_practice = Axe().run(
        docs, options={"runOnly": {"type": "tag", "values": ["best-practice"]}}
    )

    assert wcag.violations_count == 0, wcag.generate_report()
    violated = {rule["id"] for rule in best_practice.response["violations"]}
    assert violated == SWAGGER_UI_BEST_PRACTICE_VIOLATIONS, best_practice.generate_report()
