import pytest

from kg.errors import QueryError
from kg.sparql_text import MAX_NESTING, check_query, declares_dataset


def test_service_is_refused_but_the_word_in_a_literal_or_iri_is_not() -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="SERVICE"):
        check_query("select * where { service silent <http://x/> { ?s ?p ?o } }")
    check_query('SELECT * WHERE { ?s ?p "SERVICE" . ?s ?q <http://x/SERVICE> } # SERVICE')


def test_deep_nesting_is_refused() -> None:
    check_query("ASK { " + "{" * (MAX_NESTING - 1) + "}" * (MAX_NESTING - 1) + " }")
    with pytest.raises(QueryError, match="nested"):
        check_query("ASK { " + "{" * 3000 + "}" * 3000 + " }")


def test_brackets_inside_literals_do_not_count() -> None:
    check_query('SELECT * WHERE { ?s ?p "' + "(" * 5000 + '" }')


def test_from_declares_a_dataset() -> None:
    assert declares_dataset("ASK FROM <http://x/g> { ?s ?p ?o }")
    assert declares_dataset("SELECT * FROM NAMED <http://x/g> WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert not declares_dataset('SELECT * WHERE { ?s ?p "from" . ?s ?q <http://x/from> }')
