"""Linked Data: minted IRIs dereference as HTML pages with evidence, or as RDF descriptions; the ontology too."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest
import rdflib

pytestmark = pytest.mark.anyio

CHINH = "https://w3id.org/kgvn/id/person/bac-kan/hoàng-duy-chinh"
CHINH_PATH = "/id/person/bac-kan/hoàng-duy-chinh"
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")


async def test_a_browser_gets_the_page_of_a_person(client: httpx.AsyncClient) -> None:
    response = await client.get(CHINH_PATH, headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<h1>Hoàng Duy Chinh</h1>" in page
    assert "schema:Person" in page or "Person" in page
    # the sentence naming his offices, from his memberships' evidence, with the offices marked
    assert "<mark>Bí thư Tỉnh ủy</mark>" in page
    assert "<mark>Ủy viên BCH Trung ương Đảng</mark>" in page
    # facts both ways: his name, and the memberships and meeting that point at him
    assert "Referenced by" in page and "org:member" in page


async def test_the_links_of_a_page_dereference_on_this_server(client: httpx.AsyncClient) -> None:
    page = (await client.get(CHINH_PATH, headers={"Accept": "text/html"})).text
    links = sorted(set(re.findall(r'href="(/id/[^"?]+)"', page)))
    assert len(links) >= 5
    for link in links:
        response = await client.get(link, headers={"Accept": "text/html"})
        assert response.status_code == 200, link


async def test_resource_by_iri_is_the_same_page(client: httpx.AsyncClient) -> None:
    by_path = await client.get(CHINH_PATH, headers={"Accept": "text/html"})
    by_iri = await client.get(f"/resource?iri={quote(CHINH, safe='')}", headers={"Accept": "text/html"})
    assert by_iri.status_code == 200
    assert by_iri.text == by_path.text


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")],
)
async def test_a_machine_gets_the_description(client: httpx.AsyncClient, media_type: str, rdflib_format: str) -> None:
    response = await client.get(CHINH_PATH, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    person = rdflib.URIRef(CHINH)
    assert graph.value(person, rdflib.URIRef("https://schema.org/name")) == rdflib.Literal("Hoàng Duy Chinh", lang="vi")
    memberships = set(graph.subjects(ORG.member, person))
    assert len(memberships) == 3
    for membership in memberships:
        assert graph.value(membership, ORG.role) is not None


async def test_unknown_iri_is_404(client: httpx.AsyncClient) -> None:
    page = await client.get("/id/person/bac-kan/nobody", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    assert "nobody" in page.text
    turtle = await client.get("/id/person/bac-kan/nobody", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 404


async def test_bad_iris_are_400_in_plain_text_and_html_is_escaped(client: httpx.AsyncClient) -> None:
    bad = await client.get("/resource", params={"iri": "https://example.org/<script>"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("text/plain")
    unknown = await client.get("/resource", params={"iri": "https://example.org/a&b"}, headers={"Accept": "text/html"})
    assert unknown.status_code == 404
    assert "https://example.org/a&amp;b" in unknown.text


async def test_the_ontology_documentation_and_turtle(client: httpx.AsyncClient) -> None:
    html = await client.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "Meeting" in html.text and "Membership" in html.text
    turtle = await client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    ontology = rdflib.Graph().parse(data=turtle.content, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/kgvn/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in ontology


async def test_home_and_static_css(client: httpx.AsyncClient) -> None:
    home = await client.get("/")
    assert home.status_code == 200 and "/sparql" in home.text
    css = await client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
