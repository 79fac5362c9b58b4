"""kg's namespaces give the IRIs rdflib's give, and still refuse terms a closed vocabulary lacks."""

import pytest
from rdflib import URIRef
from rdflib import namespace as rdflib_namespaces

from kg.rdf.namespaces import KGO, ORG, PREFIXES, RDF


def test_terms_are_rdflibs_iris() -> None:
    assert RDF.type == rdflib_namespaces.RDF.type and type(RDF.type) is URIRef
    assert ORG.Membership == URIRef("http://www.w3.org/ns/org#Membership")
    assert KGO.evidence == URIRef(PREFIXES["kgo"] + "evidence") == KGO["evidence"]


def test_a_term_a_closed_vocabulary_lacks_is_refused() -> None:
    with pytest.raises(AttributeError):
        ORG.memberOff  # noqa: B018
