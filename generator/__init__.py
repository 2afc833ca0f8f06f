"""Kunskapsbanken: read, validate and index the knowledge bank's Markdown content.

The core (everything but ``mkdocs_plugin``) does not import MkDocs, so it can move to
ProperDocs or Zensical without a rewrite.
"""
