// Drawing kg's graph with cytoscape.js: one style, one layout, a legend and a details panel.
// Shared by the web explorer (/explore) and the offline file `kg viz` writes (graph.html).
// Elements come from kg.viz_html.cytoscape_elements: nodes carry label, kind, colour, type, articles.
"use strict";

const kgGraphView = (() => {
  const MAX_FIT_ZOOM = 1.2;
  const style = [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "data(label)",
        "font-size": 10,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "ellipsis",
        "text-max-width": 140,
        width: 22,
        height: 22,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    {
      selector: "edge",
      style: {
        label: "data(label)",
        "font-size": 8,
        color: "#555555",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "text-background-padding": 1,
        width: 1.2,
        "line-color": "#a8a8a8",
        "target-arrow-color": "#a8a8a8",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": "bezier",
      },
    },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#0b57d0" } },
    { selector: "edge:selected", style: { "line-color": "#0b57d0", "target-arrow-color": "#0b57d0" } },
    { selector: "node.centre", style: { width: 32, height: 32, "font-weight": "bold" } },
    { selector: ".filtered-out", style: { display: "none" } },
  ];

  function layout(cy, options) {
    const nodes = cy.nodes().not(".filtered-out");
    const elements = nodes.union(nodes.edgesWith(nodes));
    return elements.layout({
      name: "cose",
      animate: false,
      randomize: !(options && options.keepPositions),
      nodeRepulsion: () => 60000,
      idealEdgeLength: () => 110,
      nodeOverlap: 40,
      padding: 40,
      stop: () => {
        // a few nodes would be fitted at a zoom that makes their labels huge
        if (cy.zoom() > MAX_FIT_ZOOM) cy.zoom({ level: MAX_FIT_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      ...options,
    });
  }

  /** A cytoscape instance in `container` showing `elements`, laid out. */
  function draw(container, elements) {
    const cy = cytoscape({ container, elements, style, minZoom: 0.1, maxZoom: 4 });
    layout(cy).run();
    return cy;
  }

  /** Add `elements` that are not drawn yet; lay out again, keeping what was drawn where it was. */
  function add(cy, elements) {
    const fresh = [...elements.nodes, ...elements.edges].filter((element) => cy.getElementById(element.data.id).empty());
    const added = cy.add(fresh);
    if (added.nonempty()) {
      layout(cy, { keepPositions: true, fit: false }).run();
    }
    return added;
  }

  function swatch(colour) {
    const mark = document.createElement("i");
    mark.style.background = colour;
    return mark;
  }

  /** Fill `target` with one coloured swatch per kind drawn in `cy`. */
  function legend(target, colours, cy) {
    const kinds = [...new Set(cy.nodes().map((node) => node.data("kind")))].sort();
    target.replaceChildren(
      ...kinds.map((kind) => {
        const item = document.createElement("span");
        item.append(swatch(colours[kind] || "#b0b0b0"), kind);
        return item;
      })
    );
  }

  function text(value) {
    return Array.isArray(value) ? value.join("\n") : String(value);
  }

  /** Show the attributes of a node or an edge in `target`; `links(element)` may add links above them. */
  function details(target, element, links) {
    const data = element.data();
    const heading = document.createElement("h2");
    heading.textContent = data.label || data.id;
    const list = document.createElement("dl");
    const hidden = new Set(["label", "colour", "source", "target"]);
    for (const name of Object.keys(data).sort()) {
      if (hidden.has(name) || data[name] === "" || data[name] === null) continue;
      const term = document.createElement("dt");
      term.textContent = name;
      const value = document.createElement("dd");
      value.textContent = text(data[name]);
      list.append(term, value);
    }
    target.replaceChildren(heading, ...(links ? links(element) : []), list);
  }

  return { draw, add, layout, legend, details, style };
})();
