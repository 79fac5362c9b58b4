"""The RDF namespaces kg writes, and the prefixes it prints them with."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.config import ONTOLOGY_NS, RESOURCE_NS

KGO = Namespace(ONTOLOGY_NS)
KGR = Namespace(RESOURCE_NS)
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES: dict[str, str] = {
    "kgo": str(KGO),
    "kgr": str(KGR),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "time": str(TIME),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

__all__ = [
    "DCTERMS", "KGO", "KGR", "OA", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA",
    "SKOS", "TIME", "XSD",
]
