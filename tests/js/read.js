// Parses a GraphML or GEXF file as Gephi Lite does (graphology) and prints, as JSON, its node and
// edge counts and its edge labels. Usage: node read.js graphml|gexf FILE
const fs = require('fs');
const Graph = require('graphology');
const parsers = {graphml: require('graphology-graphml'), gexf: require('graphology-gexf')};

const [format, file] = process.argv.slice(2);
const graph = parsers[format].parse(Graph, fs.readFileSync(file, 'utf-8'));
const labels = [...new Set(graph.mapEdges((edge, attributes) => attributes.label))].sort();
console.log(JSON.stringify({nodes: graph.order, edges: graph.size, edgeLabels: labels}));
