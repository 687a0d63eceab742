"""Persistence: SQLAlchemy models, the engine and session factory, migrations and the repository functions.

ORM rows stay inside this package; other stages exchange dataclasses with it.
"""
