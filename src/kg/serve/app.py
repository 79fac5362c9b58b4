"""The web app: one flat route table over the views in :mod:`kg.serve.sparql` and :mod:`kg.serve.linked_data`.

>>> app = create_app(".kg/store", ServeSettings(timeout=5.0))   # doctest: +SKIP

``kg serve`` hands the app to uvicorn; tests call it through ``httpx.ASGITransport``. Query workers
start on the first query and end with the app's lifespan (or :func:`close_app`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg.config import ServeSettings
from kg.errors import KgError, StoreError
from kg.rdf.namespaces import PREFIXES
from kg.serve import explorer, linked_data, query_page, sparql
from kg.serve.workers import QueryPool
from kg.validate import ontology_dir

PACKAGE = Path(__file__).parent


async def home(request: Request) -> Response:
    """``/``: what this server offers."""
    return request.app.state.templates.TemplateResponse(request, "index.html", {})


async def kg_error(request: Request, error: Exception) -> Response:
    """A library error as an HTTP answer: 400 bad query, 406 format, 503 timeout, 500 store."""
    assert isinstance(error, KgError)
    return sparql.error_response(error)


def create_app(store_location: str | Path, settings: ServeSettings | None = None) -> Starlette:
    """The ASGI app serving the store at ``store_location`` (made by ``kg build``); read-only unless allowed."""
    settings = settings or ServeSettings()
    location = Path(store_location)
    if not location.is_dir():
        raise StoreError(f"{location}: no store here; run 'kg build' first")
    if settings.allow_update and not settings.token:
        raise StoreError("--allow-update needs --token TOKEN: updates are only taken from clients that show it")

    routes = [
        Route("/", home, name="home"),
        Route("/sparql", sparql.sparql_endpoint, methods=["GET", "POST"], name="sparql"),
        Route("/store", sparql.graph_store, methods=["GET"], name="graph_store"),
        Route("/ontology", linked_data.ontology_page, name="ontology"),
        Route("/resource", linked_data.resource_by_iri, name="resource"),
        Route("/id/{path:path}", linked_data.resource_by_path, name="entity"),
        # Browser pages built on these (the query page, the graph explorer) go here, one route each,
        # with their views in their own modules and templates extending base.html.
        Route("/query", query_page.query_page, name="query"),
        Route("/explore", explorer.explore_page, name="explore"),
        Route("/explore/neighbours", explorer.neighbours, name="explore_neighbours"),
        Route("/vendor/cytoscape/{name}", explorer.cytoscape_file, name="cytoscape"),
        Mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static"),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            expose_headers=["Kg-Results-Truncated", "Kg-Results-Limit"],
        )
    ]
    pool = QueryPool(location, PREFIXES, size=settings.workers, timeout=settings.timeout)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()

    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers={KgError: kg_error}, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.templates = Jinja2Templates(directory=PACKAGE / "templates")
    app.state.templates.env.globals["resource_href"] = linked_data.resource_href
    app.state.ontology_docs = linked_data.OntologyDocs(ontology_dir() / "kg.ttl")
    return app


def close_app(app: Starlette) -> None:
    """End the app's query workers (the lifespan does it when a server stops)."""
    app.state.pool.close()
