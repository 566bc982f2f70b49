"""The URL matrix's figure at the end of a run. Under pytest-xdist each worker sends its tally
to the controller, which prints the sum (the hooks are in ``tests/conftest.py``)."""

import pickle

from tests.security.probe import TALLY

WORKER_OUTPUT_KEY = "url_matrix_tally"

KINDS = ("server error", "unexpected allow", "open redirect", "rejected value served")


def send_from_worker(config) -> None:
    if TALLY.requests and hasattr(config, "workeroutput"):
        config.workeroutput[WORKER_OUTPUT_KEY] = pickle.dumps(TALLY)


def receive_from_worker(node) -> None:
    sent = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
    if sent:
        TALLY.merge(pickle.loads(sent))


def write_summary(terminalreporter) -> None:
    """The URL matrix's figure, for the lead and CI's log: what was tried and what was found."""
    if not TALLY.requests:
        return
    write = terminalreporter.write_line
    terminalreporter.section("URL matrix")
    hostile = len(TALLY.values - {"realistic"})
    requests = ", ".join(f"{count} {method}" for method, count in sorted(TALLY.requests.items()))
    write(
        f"{len(TALLY.routes)} URL patterns x {len(TALLY.roles)} roles (realistic values) and "
        f"x 2 roles x {hostile} hostile values in every parameter: "
        f"{sum(TALLY.requests.values())} requests ({requests})"
    )
    write(f"hostile path values refused by a converter (404 or redirect): {TALLY.rejected}")
    write(
        "2xx to roles the table allows: "
        + ", ".join(f"{role.value} {count}" for role, count in sorted(TALLY.reached.items()))
    )
    write(", ".join(f"{kind}s: {TALLY.count(kind)}" for kind in KINDS))
    write(f"deliberate server errors (Wagtail's /admin/failwhale/): {TALLY.deliberate_errors}")
    for message, count in TALLY.warnings.most_common(5):
        write(f"warning raised while answering ({count}x): {message}")
    write(
        "time by request kind: "
        + ", ".join(f"{kind} {seconds:.0f} s" for kind, seconds in TALLY.seconds.most_common())
    )
    for seconds, what in sorted(TALLY.slowest, reverse=True)[:5]:
        write(f"slowest: {seconds * 1000:.0f} ms {what}")
