"""Serve the graph over HTTP: a SPARQL 1.1 endpoint, the Graph Store Protocol for reading, Linked Data
pages of every minted IRI and the ontology's documentation.

:func:`kg.serve.app.create_app` builds the ASGI app; ``kg serve`` hands it to uvicorn. Queries run in
worker processes (:mod:`kg.serve.workers`) so that a timeout really stops them. The web packages
(starlette, jinja2, uvicorn, pylode) are the ``serve`` extra and are imported only from this package.
"""
