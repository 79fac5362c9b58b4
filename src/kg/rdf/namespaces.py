"""The RDF namespaces kg writes, and the prefixes it prints them with."""

from __future__ import annotations

from typing import Any

from rdflib import Namespace, URIRef
from rdflib import namespace as rdflib_namespaces

from kg.config import ONTOLOGY_NS, RESOURCE_NS


class CachedNamespace(Namespace):
    """A namespace whose ``NS.term`` IRIs are made once: rdflib makes a new one on every access, and
    mapping one article reads hundreds. ``source`` (one of rdflib's closed namespaces) still refuses
    terms it does not define."""

    def __new__(cls, source: Any) -> CachedNamespace:
        namespace: CachedNamespace = super().__new__(cls, str(source))  # type: ignore[assignment]
        namespace.__dict__["_source"] = source
        return namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = URIRef(getattr(self._source, name))
        self.__dict__[name] = term
        return term


KGO = CachedNamespace(Namespace(ONTOLOGY_NS))
KGR = CachedNamespace(Namespace(RESOURCE_NS))
SCHEMA = CachedNamespace(Namespace("https://schema.org/"))
OA = CachedNamespace(Namespace("http://www.w3.org/ns/oa#"))
DCTERMS = CachedNamespace(rdflib_namespaces.DCTERMS)
ORG = CachedNamespace(rdflib_namespaces.ORG)
OWL = CachedNamespace(rdflib_namespaces.OWL)
PROV = CachedNamespace(rdflib_namespaces.PROV)
RDF = CachedNamespace(rdflib_namespaces.RDF)
RDFS = CachedNamespace(rdflib_namespaces.RDFS)
SKOS = CachedNamespace(rdflib_namespaces.SKOS)
TIME = CachedNamespace(rdflib_namespaces.TIME)
XSD = CachedNamespace(rdflib_namespaces.XSD)

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
