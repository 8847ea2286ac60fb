"""GraphML and GEXF as Gephi reads them: Gephi Lite's parsers (graphology, run by node from tests/js),
one id per edge (Gephi drops an edge whose id it has seen), and a GEXF <graph> with only the attributes
of GEXF 1.2's schema (the schema files themselves are not shipped by any registry we can install from)."""

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

JS = Path(__file__).parent / "js"
GEXF_NS = "{http://www.gexf.net/1.2draft}"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
# The attributes GEXF 1.2's schema gives <graph> (data.xsd, graph-content): `name` is not one of them.
GEXF_GRAPH_ATTRIBUTES = {
    "timeformat",
    "start",
    "startopen",
    "end",
    "endopen",
    "defaultedgetype",
    "idtype",
    "mode",
}


def graphology(fmt: str, path: Path) -> dict:
    """Node and edge counts and edge labels of the file as graphology-graphml / graphology-gexf parse it."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: Gephi Lite's parsers cannot run")
    if not (JS / "node_modules").is_dir():  # the pinned parsers, from the npm registry
        subprocess.run(
            ["npm", "ci", "--prefix", str(JS), "--no-audit", "--no-fund"], check=True, capture_output=True
        )
    result = subprocess.run(
        ["node", str(JS / "read.js"), fmt, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def edge_ids(path: Path, ns: str) -> list[str]:
    return [edge.get("id") for edge in ET.parse(path).getroot().iter(f"{ns}edge")]


def test_graphml_edges_have_unique_ids(seeds_build):
    ids = edge_ids(seeds_build["exports"] / "kg.graphml", GRAPHML_NS)
    assert ids == [f"e{i}" for i in range(len(ids))]


@pytest.mark.parametrize(
    ("fmt", "read_with", "ns"), [("graphml", nx.read_graphml, GRAPHML_NS), ("gexf", nx.read_gexf, GEXF_NS)]
)
def test_gephi_files_open_in_graphology(seeds_build, fmt, read_with, ns):
    path = seeds_build["exports"] / f"kg.{fmt}"
    g = read_with(path)
    read = graphology(fmt, path)
    assert (read["nodes"], read["edges"]) == (g.number_of_nodes(), g.number_of_edges())
    assert read["edgeLabels"] == sorted({d["label"] for _, _, d in g.edges(data=True)})
    ids = edge_ids(path, ns)
    assert len(set(ids)) == len(ids) == g.number_of_edges()


def test_gexf_graph_has_only_schema_attributes(seeds_build):
    root = ET.parse(seeds_build["exports"] / "kg.gexf").getroot()
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.2"
    assert set(root.find(f"{GEXF_NS}graph").attrib) <= GEXF_GRAPH_ATTRIBUTES
