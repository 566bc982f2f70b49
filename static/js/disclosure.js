// Opens the disclosures marked data-open-wide (the library's filters) on wide screens, where
// there is room for them beside the results. Without JavaScript they stay closed and open on a click.
(() => {
  const wide = window.matchMedia("(min-width: 56.01rem)");
  const apply = () => {
    for (const details of document.querySelectorAll("details[data-open-wide]")) {
      details.open = wide.matches;
    }
  };
  apply();
  wide.addEventListener("change", apply);
})();
