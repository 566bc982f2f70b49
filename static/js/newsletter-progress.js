// The send page of a newsletter issue (templates/newsletter/admin/issue_send.html): while the
// issue is scheduled or being sent, ask the progress endpoint every 2 seconds and show what it
// says in the bar, in words (a polite live region) and in the list of failed deliveries.
(() => {
  "use strict";

  const INTERVAL = 2000;
  const FINISHED = new Set(["sent", "cancelled"]);
  const region = document.querySelector("[data-newsletter-progress]");
  if (!region) {
    return;
  }
  const bar = region.querySelector("progress");
  const text = region.querySelector("[data-progress-text]");
  const failures = region.querySelector("[data-progress-failures]");

  function showFailures(rows) {
    const body = failures.querySelector("tbody");
    if (body.rows.length === rows.length) {
      return;
    }
    body.replaceChildren(
      ...rows.map(({ email, error }) => {
        const row = document.createElement("tr");
        const address = document.createElement("th");
        address.scope = "row";
        address.textContent = email;
        const last = document.createElement("td");
        last.textContent = error;
        row.append(address, last);
        return row;
      }),
    );
    failures.hidden = rows.length === 0;
  }

  function show(progress) {
    bar.value = progress.percent;
    bar.textContent = `${progress.percent} %`;
    if (text.textContent !== progress.text) {
      text.textContent = progress.text;
    }
    showFailures(progress.failures);
    region.dataset.status = progress.status;
    if (progress.status !== "scheduled") {
      for (const element of document.querySelectorAll("[data-hide-when-started]")) {
        element.hidden = true;
      }
    }
  }

  async function poll() {
    try {
      const response = await fetch(region.dataset.url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const progress = await response.json();
        show(progress);
        if (FINISHED.has(progress.status)) {
          return;
        }
      }
    } catch {
      // The network or the server is away for a moment: ask again at the next turn.
    }
    window.setTimeout(poll, INTERVAL);
  }

  if (!FINISHED.has(region.dataset.status)) {
    window.setTimeout(poll, INTERVAL);
  }
})();
