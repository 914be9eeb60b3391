"""The browser face of cardsmith: ``cardsmith serve`` runs :func:`create_app` under uvicorn."""

from cardsmith.web.app import create_app

__all__ = ["create_app"]
