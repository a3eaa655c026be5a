"""`duckdb+summits://`: duckdb_engine's SQLAlchemy dialect plus primary-key reflection.

duckdb_engine reuses SQLAlchemy's PostgreSQL reflection, and DuckDB's `pg_catalog` emulation carries no
index columns, so plain `duckdb://` reflects schemas, tables, views, columns and comments but never a
primary key. This dialect reads the keys from `duckdb_constraints()` instead. Importing this module
registers it: `sqlalchemy.create_engine("duckdb+summits:///path/summits.duckdb", ...)`.
"""

from __future__ import annotations

from typing import Any

import duckdb_engine
from sqlalchemy import text
from sqlalchemy.dialects import registry
from sqlalchemy.engine import Connection, default, reflection

PRIMARY_KEY_QUERY = text(
    "select constraint_name, constraint_column_names from duckdb_constraints()"
    " where constraint_type = 'PRIMARY KEY' and table_name = :table_name and schema_name = :schema_name"
    " and database_name = coalesce(:database_name, current_database())"
)


class SummitsDuckDBDialect(duckdb_engine.Dialect):
    """duckdb_engine's dialect whose primary keys come from DuckDB's own catalog."""

    driver = "summits"
    supports_statement_cache = True

    @reflection.cache
    def get_pk_constraint(
        self, connection: Connection, table_name: str, schema: str | None = None, **kw: Any
    ) -> dict[str, Any]:
        """The table's primary key: its name and columns in key order (none: no columns)."""
        database, schema_name = self.identifier_preparer._separate(schema) if schema else (None, "main")
        row = connection.execute(
            PRIMARY_KEY_QUERY,
            {"table_name": table_name, "schema_name": schema_name, "database_name": database},
        ).first()
        if row is None:
            return {"name": None, "constrained_columns": []}
        return {"name": row[0], "constrained_columns": list(row[1])}

    def get_multi_pk_constraint(self, connection: Connection, **kw: Any) -> Any:
        """Every table's primary key, one `get_pk_constraint` at a time (what MetaData.reflect asks)."""
        return default.DefaultDialect.get_multi_pk_constraint(self, connection, **kw)


registry.register("duckdb.summits", __name__, "SummitsDuckDBDialect")
