// The graph explorer (/explore): draw an entity's neighbourhood, grow it by click, filter what is shown.
// Needs cytoscape.js and graph_view.js loaded first. Neighbours come from /explore/neighbours as
// cytoscape.js elements; the filters (kind, article, publication date) hide what was drawn and
// narrow what is asked for next.
"use strict";

(() => {
  const root = document.getElementById("explorer");
  if (!root) return;
  const filters = document.getElementById("filters");
  const details = document.getElementById("details");
  const counts = document.getElementById("counts");
  const articleDates = new Map(
    [...document.querySelectorAll("#filter-article option[data-date]")].map((option) => [option.value, option.dataset.date])
  );

  function chosen() {
    const form = new FormData(filters);
    const allKinds = filters.querySelectorAll("input[name=kind]").length;
    const kinds = form.getAll("kind");
    return {
      kinds: kinds.length === allKinds ? null : new Set(kinds),
      article: form.get("article") || "",
      from: (form.get("from") || "").trim(),
      to: (form.get("to") || "").trim(),
    };
  }

  // The same test as kg.serve.explorer._date_within: dates of any precision, compared on what both give.
  function dateWithin(date, from, to) {
    const afterFrom = !from || date.slice(0, from.length) >= from.slice(0, date.length);
    const beforeTo = !to || date.slice(0, to.length) <= to.slice(0, date.length);
    return afterFrom && beforeTo;
  }

  function shown(node, choice) {
    if (node.hasClass("centre")) return true;
    if (choice.kinds && !choice.kinds.has(node.data("kind"))) return false;
    const articles = node.data("articles") || [];
    if (choice.article && !articles.includes(choice.article)) return false;
    if (choice.from || choice.to) {
      return articles.some((article) => dateWithin(articleDates.get(article) || "", choice.from, choice.to));
    }
    return true;
  }

  function neighboursUrl(iri) {
    const choice = chosen();
    const params = new URLSearchParams();
    if (iri) params.set("iri", iri);
    for (const kind of choice.kinds || []) params.append("kind", kind);
    for (const name of ["article", "from", "to"]) if (choice[name]) params.set(name, choice[name]);
    return `${root.dataset.neighbours}?${params}`;
  }

  async function fetchNeighbours(iri) {
    const response = await fetch(neighboursUrl(iri), { headers: { Accept: "application/json" } });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || response.statusText);
    return answer;
  }

  function applyFilters(cy) {
    const choice = chosen();
    cy.batch(() => {
      cy.nodes().forEach((node) => node.toggleClass("filtered-out", !shown(node, choice)));
    });
    const shownNodes = cy.nodes().not(".filtered-out");
    const nodes = shownNodes.length;
    const edges = shownNodes.edgesWith(shownNodes).length;
    counts.textContent = `${nodes} node${nodes === 1 ? "" : "s"}, ${edges} edge${edges === 1 ? "" : "s"} shown`;
  }

  function links(element) {
    if (!element.isNode()) return [];
    const iri = encodeURIComponent(element.id());
    const paragraph = document.createElement("p");
    const page = document.createElement("a");
    page.href = `${root.dataset.resource}?iri=${iri}`;
    page.textContent = "its page";
    const from = document.createElement("a");
    from.href = `${root.dataset.explore}?iri=${iri}`;
    from.textContent = "explore from here";
    paragraph.append(page, " · ", from);
    return [paragraph];
  }

  async function expand(cy, node) {
    if (node.data("expanded")) return 0;
    node.data("expanded", true);
    const added = kgGraphView.add(cy, await fetchNeighbours(node.id()));
    applyFilters(cy);
    return added.nodes().length;
  }

  async function start() {
    const startIri = root.dataset.start;
    if (!startIri && root.dataset.wholeGraph !== "true") return;
    let elements;
    try {
      elements = await fetchNeighbours(startIri);
    } catch (error) {
      details.textContent = `Cannot draw the graph: ${error.message}`;
      return;
    }
    const cy = kgGraphView.draw(document.getElementById("graph"), elements);
    if (startIri) {
      const centre = cy.getElementById(startIri);
      centre.addClass("centre").data("expanded", true).select();
      kgGraphView.details(details, centre, links);
    }
    cy.on("tap", "node", (event) => {
      kgGraphView.details(details, event.target, links);
      expand(cy, event.target).catch((error) => {
        details.append(`Cannot draw the neighbours: ${error.message}`);
      });
    });
    cy.on("tap", "edge", (event) => kgGraphView.details(details, event.target));
    filters.addEventListener("change", () => applyFilters(cy));
    filters.addEventListener("submit", (event) => event.preventDefault());
    applyFilters(cy);
    window.kgExplorer = { cy, expand: (iri) => expand(cy, cy.getElementById(iri)) };
  }

  start();
})();
