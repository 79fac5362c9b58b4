// The query page: run the editor's SPARQL against /sparql and show the answer.
// SELECT answers become a table whose IRIs link to their Linked Data pages (and to the explorer);
// ASK answers a sentence; CONSTRUCT and DESCRIBE answers their Turtle.
"use strict";

(() => {
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query-text");
  const status = document.getElementById("answer-status");
  const body = document.getElementById("answer-body");
  const endpoint = form.dataset.endpoint;
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
  const prefixes = JSON.parse(form.dataset.prefixes || "[]"); // [prefix, namespace], longest namespace first

  function curie(iri) {
    const match = prefixes.find(([, namespace]) => iri.startsWith(namespace));
    return match ? `${match[0]}:${iri.slice(match[1].length)}` : iri;
  }

  function downloadHref(format) {
    return `${endpoint}?${new URLSearchParams({ query: editor.value, format })}`;
  }

  function updateDownloads() {
    document.getElementById("download-csv").href = downloadHref("csv");
    document.getElementById("download-json").href = downloadHref("json");
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text, className) {
    const anchor = element("a", text, className);
    anchor.href = href;
    return anchor;
  }

  /** One cell of the table: an IRI as links to its page and to the explorer, a literal as text. */
  function cell(term) {
    const td = element("td");
    if (!term) return td;
    if (term.type === "uri") {
      const page = link(`${form.dataset.resource}?iri=${encodeURIComponent(term.value)}`, curie(term.value), "iri-link");
      page.title = term.value;
      td.append(page);
      const explore = link(`${form.dataset.explore}?iri=${encodeURIComponent(term.value)}`, "explore", "explore-link");
      explore.title = "Explore the graph around this entity";
      td.append(" ", explore);
    } else if (term.type === "bnode") {
      td.append(element("span", `_:${term.value}`, "bnode"));
    } else {
      td.append(element("span", term.value, "literal"));
      if (term["xml:lang"]) td.append(" ", element("span", `@${term["xml:lang"]}`, "tag"));
    }
    return td;
  }

  function solutionsTable(answer) {
    const variables = answer.head.vars;
    const table = element("table", undefined, "results");
    const headRow = element("tr");
    for (const variable of variables) headRow.append(element("th", `?${variable}`));
    const thead = element("thead");
    thead.append(headRow);
    const tbody = element("tbody");
    for (const binding of answer.results.bindings) {
      const row = element("tr");
      for (const variable of variables) row.append(cell(binding[variable]));
      tbody.append(row);
    }
    table.append(thead, tbody);
    return table;
  }

  async function run() {
    updateDownloads();
    status.className = "status running";
    status.textContent = "Running…";
    body.replaceChildren();
    const started = performance.now();
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: editor.value }),
      });
    } catch (error) {
      status.className = "status error";
      status.textContent = `The server did not answer: ${error}`;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.className = "status error";
      status.textContent = `Error ${response.status}`;
      body.replaceChildren(element("pre", await response.text(), "error-text"));
      return;
    }
    const truncated = response.headers.get("Kg-Results-Truncated") === "true"
      ? ` (cut off at ${response.headers.get("Kg-Results-Limit")}: download to get it whole)` : "";
    status.className = "status done";
    if ((response.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) {
      const answer = await response.json();
      if ("boolean" in answer) {
        status.textContent = `Answer: ${answer.boolean ? "yes" : "no"} (${seconds} s)`;
        return;
      }
      const count = answer.results.bindings.length;
      status.textContent = `${count} row${count === 1 ? "" : "s"} in ${seconds} s${truncated}`;
      body.replaceChildren(solutionsTable(answer));
    } else {
      status.textContent = `Triples in ${seconds} s${truncated}`;
      body.replaceChildren(element("pre", await response.text(), "turtle"));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  editor.addEventListener("input", updateDownloads);
  for (const example of document.querySelectorAll("a.example")) {
    example.addEventListener("click", (event) => {
      event.preventDefault();
      editor.value = example.dataset.query;
      for (const other of document.querySelectorAll("a.example.chosen")) other.classList.remove("chosen");
      example.classList.add("chosen");
      history.replaceState(null, "", example.href);
      run();
    });
  }
})();
