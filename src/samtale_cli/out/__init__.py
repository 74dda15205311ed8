"""Outputs made from checked documents: views, HTML, Markdown, PDF, Word, the site, JSON Schemas."""
