"""Facts → RDF. No text parsing here: only the facts model goes in."""

from kg.rdf.mapping import map_article

__all__ = ["map_article"]
