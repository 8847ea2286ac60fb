// The query page: YASGUI on this server's /sparql, the saved queries one click away.
// Nothing leaves the server: no endpoint catalogue, no prefix or vocabulary look-ups, no URL shortener.
const prefixes = JSON.parse(document.getElementById("prefixes").textContent);
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: new URL("/sparql", location.href).href, method: "POST" },
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: { getData: () => [] },
  persistenceId: null,
  yasqe: { autocompleters: ["variables"], createShareableLink: null },
});

// The prefixes a query uses, declared, so that the editor's syntax check reads it as the server does.
function declared(text) {
  const used = Object.entries(prefixes).filter(([p]) => new RegExp(`(^|[^\\w-])${p}:`).test(text));
  return used.map(([p, ns]) => `PREFIX ${p}: <${ns}>\n`).join("") + text;
}

for (const button of document.querySelectorAll(".saved-query")) {
  button.addEventListener("click", async () => {
    const response = await fetch(`/queries/${encodeURIComponent(button.dataset.name)}.rq`);
    const tab = yasgui.getTab();
    tab.setQuery(declared(await response.text()));
    tab.query();
  });
}
