// The neighbourhood graph of an entity's page: sized and coloured as the Gephi export, a click opens a node.
const box = document.getElementById("graph");
fetch(`/neighbourhood?iri=${encodeURIComponent(box.dataset.iri)}`)
  .then((response) => response.json())
  .then((elements) => {
    const cy = cytoscape({
      container: box,
      elements,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            width: "data(size)",
            height: "data(size)",
            label: "data(label)",
            "font-size": 10,
            color: "#222",
            "text-valign": "bottom",
            "text-max-width": 120,
            "text-wrap": "ellipsis",
          },
        },
        { selector: 'node[type = "Figure"]', style: { label: "" } }, // a figure's words are long: its page has them
        { selector: "node[?centre]", style: { "border-width": 3, "border-color": "#222", "font-weight": "bold" } },
        { selector: "edge", style: { width: 1, "line-color": "#bbb", "curve-style": "haystack" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: false },
    });
    cy.on("tap", "node", (event) => {
      location.href = `/entity?iri=${encodeURIComponent(event.target.id())}`;
    });
    box.dataset.drawn = String(cy.nodes().length);
    box.cy = cy; // for the browser's console (and the tests) to find nodes on the canvas
  });
