"""Sending the matrix's requests and judging their answers.

Every request runs in a savepoint that is rolled back, and each client's cookies are put back
afterwards: a request that deletes a page, signs its client out or rotates its session leaves
the world as the next request expects it.
"""

import copy
import heapq
import re
import time
import traceback
import warnings
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from django.db import transaction
from django.utils import translation

from tests.security.access_table import ALLOWED, COORDINATORS, Role
from tests.security.patterns import LANGUAGE

ROOT = Path(__file__).resolve().parent.parent.parent
ADMIN = "/admin/"
SIGN_IN = "/admin/login/"
LANGUAGE_CODES = {"en", "da", "sv", "nb", "fi", "is"}
# Form fields of a page, as an attacker reads them off the HTML.
FORM_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*?\bname=\"([^\"]+)\"")
NOT_POSTED = {"csrfmiddlewaretoken"}
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Finding:
    kind: str  # "server error", "unexpected allow", "open redirect", "rejected value served"
    route: str
    role: str
    method: str
    address: str
    value: str
    detail: str
    cause: str = ""  # the exception's class, or the status

    def __str__(self):
        return (
            f"{self.kind}: {self.method} {shorten(self.address)} as {self.role} "
            f"[{self.route}] value={self.value}: {self.detail}"
        )


def shorten(text: str, length: int = 160) -> str:
    return text if len(text) <= length else text[: length - 10] + "…" + text[-9:]


@dataclass
class Tally:
    """What the module tried and found, for the figure at the end of the run."""

    routes: set = field(default_factory=set)
    roles: set = field(default_factory=set)
    values: set = field(default_factory=set)
    requests: Counter = field(default_factory=Counter)
    # 2xx answers to a role the table allows: the matrix reached the views, not only refusals.
    reached: Counter = field(default_factory=Counter)
    findings: list = field(default_factory=list)
    rejected: int = 0
    deliberate_errors: int = 0
    # Warnings raised while answering (the test settings would turn them into 500s; production
    # only logs them), by category and message.
    warnings: Counter = field(default_factory=Counter)
    slowest: list = field(default_factory=list)
    seconds: Counter = field(default_factory=Counter)

    def count(self, kind: str) -> int:
        return sum(1 for finding in self.findings if finding.kind == kind)

    def merge(self, other: "Tally") -> None:
        """Add what another process's matrix tried and found (one per pytest-xdist worker)."""
        for name in ("routes", "roles", "values"):
            getattr(self, name).update(getattr(other, name))
        for name in ("requests", "reached", "warnings", "seconds"):
            getattr(self, name).update(getattr(other, name))
        self.findings.extend(other.findings)
        self.rejected += other.rejected
        self.deliberate_errors += other.deliberate_errors
        for seconds, what in other.slowest:
            self.timed(seconds, what)

    def timed(self, seconds: float, what: str) -> None:
        heapq.heappush(self.slowest, (seconds, what))
        if len(self.slowest) > 10:
            heapq.heappop(self.slowest)


TALLY = Tally()


def address(template: str, values: dict[str, str], language: str) -> str:
    """``template`` with its parameters filled in, each value percent-encoded."""
    filled = template.replace(LANGUAGE, f"{language}/")
    return "/" + filled.format(**{name: quote(value, safe="") for name, value in values.items()})


def language_of(path: str) -> str:
    prefix = path.split("/")[1]
    return prefix if prefix in LANGUAGE_CODES else "en"


def form_fields(response) -> list[str]:
    if isinstance(response, Exception) or "html" not in response.get("Content-Type", ""):
        return []
    text = response.content.decode(errors="replace")
    return sorted(set(FORM_FIELD.findall(text)) - NOT_POSTED)[:60]


@contextmanager
def rolled_back(client):
    """Whatever happens inside is undone: the database's changes and the client's cookies."""
    cookies = client.cookies
    client.cookies = copy.deepcopy(cookies)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def send(client, method: str, path: str, data=None, *, remote_addr: str):
    """One request, rolled back. Returns the response, or the exception the handler could not
    turn into one (a failing error page)."""
    started = time.perf_counter()
    with rolled_back(client), warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        try:
            with translation.override(language_of(path)):
                if method == "post":
                    # Encoded as a browser encodes a form: much cheaper than multipart for
                    # 60,000-character values.
                    body = urlencode(data or {})
                    return client.post(path, body, content_type=FORM, REMOTE_ADDR=remote_addr)
                return client.get(path, REMOTE_ADDR=remote_addr)
        # The matrix collects every failure and reports them all at once.
        except Exception as error:
            return error
        finally:
            for warning in raised:
                message = f"{warning.category.__name__}: {str(warning.message)[:120]}"
                TALLY.warnings[message] += 1
            TALLY.timed(time.perf_counter() - started, f"{method.upper()} {shorten(path, 100)}")


def redirect_into_the_admin(response, role: Role) -> str | None:
    """The admin address a redirect sends ``role`` to, unless it is a refusal: the dashboard for
    someone who may use the admin, or the sign-in."""
    if isinstance(response, Exception) or not 300 <= response.status_code < 400:
        return None
    target = urlsplit(response.get("Location", ""))
    if target.netloc and target.netloc != "testserver":
        return None
    if not target.path.startswith(ADMIN) or target.path == SIGN_IN:
        return None
    if role in COORDINATORS and target.path == ADMIN:
        return None
    return target.path + (f"?{target.query}" if target.query else "")


def judge(response, *, role: Role, level) -> list[tuple[str, str, str]]:
    """(kind, detail, cause) of what one answer shows: a server error; a redirect to another
    host; and, unless ``level`` is None (no view of the pattern saw the request), a 2xx or a
    redirect further into the admin for a role the level does not allow."""
    if isinstance(response, Exception):
        return [("server error", shorten(str(response), 200), type(response).__name__)]
    found = []
    status = response.status_code
    if status >= 500:
        exc_info = getattr(response, "exc_info", None)
        cause = exc_info[0].__name__ if exc_info else str(status)
        detail = (
            f"{cause}: {shorten(str(exc_info[1]), 200)} at {raised_at(exc_info[2])}"
            if exc_info
            else f"status {status}"
        )
        found.append(("server error", f"{status} {detail}", cause))
    location = response.get("Location", "") if 300 <= status < 400 else ""
    target = urlsplit(location)
    if target.netloc and target.netloc != "testserver":
        found.append(("open redirect", f"{status} to {shorten(location)}", str(status)))
    if level is not None and role not in ALLOWED[level]:
        if 200 <= status < 300:
            found.append(("unexpected allow", str(status), str(status)))
        elif redirect_into_the_admin(response, role):
            found.append(("unexpected allow", f"{status} to {shorten(target.path)}", str(status)))
    return found


def raised_at(trace) -> str:
    """The innermost frame outside Django itself: the code that let the bad value through."""
    frames = [
        (frame.f_code.co_filename, line)
        for frame, line in traceback.walk_tb(trace)
        if "/django/" not in frame.f_code.co_filename
    ]
    if not frames:
        return "Django"
    filename, line = frames[-1]
    return f"{filename.split('site-packages/')[-1].removeprefix(f'{ROOT}/')}:{line}"


def report(findings: list[Finding]) -> str:
    """The findings grouped by what went wrong where, each group with the values that did it
    and one address."""
    groups = defaultdict(list)
    for finding in findings:
        groups[(finding.kind, finding.method, finding.route, finding.role, finding.cause)].append(
            finding
        )
    lines = [f"{len(findings)} finding(s) in {len(groups)} group(s):"]
    for (kind, method, route, role, cause), members in sorted(groups.items()):
        values = sorted({member.value for member in members})
        lines.append(
            f"- {kind} ({cause}): {method} [{route}] as {role} ({len(members)}x), "
            f"values: {', '.join(values)[:300]}\n    e.g. {shorten(members[0].address)}: "
            f"{members[0].detail}"
        )
    return "\n".join(lines)
