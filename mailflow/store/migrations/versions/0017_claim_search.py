"""claim search: one search document per claim, kept by triggers and indexed for substrings
(FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL); indexes for the staff list's filters

`claim_search` holds one row per claim: its number, the customer's address and name, the
subject, the current order/invoice/waybill/contract numbers and every message's text, with
ё written е (and, on PostgreSQL, lower-cased). Triggers on claims, claim_fields and messages
rebuild a claim's row in the writer's own transaction, so no store code has to remember it
(a merge that moves messages moves their text too); the existing claims are indexed here.
store/claim_search.py reads it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NUMBER_FIELDS = "('order_number', 'invoice_number', 'waybill_number', 'contract_number')"
# The staff list's filters and sorts, found in index order (PostgreSQL; on SQLite the
# one-column indexes already end with the rowid).
PG_LIST_INDEXES = {"ix_claims_list_status_id": "(status, id)",
                   "ix_claims_list_category_id": "(category, id)",
                   "ix_claims_list_assignee_id": "(assignee_email, id)"}
# Sort "due": resolution_due ascending with the claims without one last, newest first.
DUE_INDEX = ("CREATE INDEX ix_claims_list_due ON claims"
             " ((resolution_due IS NULL), resolution_due, id DESC)")
# SQLite: a specialist's claims in one status, newest first, without reading the others.
SQLITE_LIST_INDEXES = {"ix_claims_list_category": "(category)",
                       "ix_claims_list_assignee_status": "(assignee_email, status)"}


def upgrade() -> None:
    statements = _postgresql() if _dialect() == "postgresql" else _sqlite()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if _dialect() == "postgresql":
        op.execute("DROP TRIGGER claim_search_claims ON claims")
        op.execute("DROP TRIGGER claim_search_messages ON messages")
        op.execute("DROP TRIGGER claim_search_fields ON claim_fields")
        op.execute("DROP FUNCTION claim_search_claim_changed()")
        op.execute("DROP FUNCTION claim_search_part_changed()")
        op.execute("DROP FUNCTION claim_search_refresh(integer)")
        op.execute("DROP FUNCTION claim_search_document(integer)")
        for name in PG_LIST_INDEXES:
            op.execute(f"DROP INDEX {name}")
    else:
        for trigger in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE claim_search_fts")
        for name in SQLITE_LIST_INDEXES:
            op.execute(f"DROP INDEX {name}")
    op.execute("DROP INDEX ix_claims_list_due")
    op.execute("DROP TABLE claim_search")


def _dialect() -> str:
    return op.get_bind().dialect.name


# -- SQLite ---------------------------------------------------------------------------------

_SQLITE_DOCUMENT = f"""replace(replace(
    c.number || char(10) || c.customer_email || char(10) || c.customer_name || char(10)
    || c.subject || char(10)
    || coalesce((SELECT group_concat(f.value, char(10)) FROM claim_fields f
                 WHERE f.claim_id = c.id AND f.name IN {NUMBER_FIELDS}
                   AND f.replaced_at IS NULL), '') || char(10)
    || coalesce((SELECT group_concat(m.text_body, char(10)) FROM messages m
                 WHERE m.claim_id = c.id), ''),
  'ё', 'е'), 'Ё', 'Е')"""  # noqa: S608 (constant text only)


def _sqlite_refresh(claim_id: str, moved_only: bool = False) -> str:
    """Rebuild the document of `claim_id`; `moved_only`: only when the row changed claim
    (the old claim of an update needs a rebuild only then, the new one always)."""
    moved = " AND old.claim_id IS NOT new.claim_id" if moved_only else ""
    return (f"INSERT INTO claim_search (claim_id, document) SELECT c.id, {_SQLITE_DOCUMENT}"  # noqa: S608
            f" FROM claims c WHERE c.id = {claim_id}{moved}"
            " ON CONFLICT (claim_id) DO UPDATE SET document = excluded.document;")


_SQLITE_TRIGGERS = {
    "claim_search_claim_added": ("AFTER INSERT ON claims", [_sqlite_refresh("new.id")]),
    "claim_search_claim_changed": (
        "AFTER UPDATE OF number, customer_email, customer_name, subject ON claims",
        [_sqlite_refresh("new.id")]),
    "claim_search_claim_removed": (
        "AFTER DELETE ON claims", ["DELETE FROM claim_search WHERE claim_id = old.id;"]),
    "claim_search_message_added": ("AFTER INSERT ON messages",
                                   [_sqlite_refresh("new.claim_id")]),
    "claim_search_message_changed": (
        "AFTER UPDATE OF claim_id, text_body ON messages",
        [_sqlite_refresh("old.claim_id", moved_only=True), _sqlite_refresh("new.claim_id")]),
    "claim_search_message_removed": ("AFTER DELETE ON messages",
                                     [_sqlite_refresh("old.claim_id")]),
    "claim_search_field_added": (
        f"AFTER INSERT ON claim_fields WHEN new.name IN {NUMBER_FIELDS}",
        [_sqlite_refresh("new.claim_id")]),
    "claim_search_field_changed": (
        "AFTER UPDATE OF claim_id, name, value, replaced_at ON claim_fields"
        f" WHEN old.name IN {NUMBER_FIELDS} OR new.name IN {NUMBER_FIELDS}",
        [_sqlite_refresh("old.claim_id", moved_only=True), _sqlite_refresh("new.claim_id")]),
    "claim_search_field_removed": (
        f"AFTER DELETE ON claim_fields WHEN old.name IN {NUMBER_FIELDS}",
        [_sqlite_refresh("old.claim_id")]),
    # The FTS5 index follows claim_search (an external-content table).
    "claim_search_fts_added": ("AFTER INSERT ON claim_search", [
        "INSERT INTO claim_search_fts (rowid, document) VALUES (new.claim_id, new.document);"]),
    "claim_search_fts_changed": ("AFTER UPDATE ON claim_search", [
        "INSERT INTO claim_search_fts (claim_search_fts, rowid, document)"
        " VALUES ('delete', old.claim_id, old.document);",
        "INSERT INTO claim_search_fts (rowid, document) VALUES (new.claim_id, new.document);"]),
    "claim_search_fts_removed": ("AFTER DELETE ON claim_search", [
        "INSERT INTO claim_search_fts (claim_search_fts, rowid, document)"
        " VALUES ('delete', old.claim_id, old.document);"]),
}


def _sqlite() -> list[str]:
    triggers = [f"CREATE TRIGGER {name} {when} BEGIN {' '.join(body)} END"
                for name, (when, body) in _SQLITE_TRIGGERS.items()]
    return [
        "CREATE TABLE claim_search (claim_id INTEGER NOT NULL PRIMARY KEY,"
        " document TEXT NOT NULL DEFAULT '')",
        f"INSERT INTO claim_search (claim_id, document) SELECT c.id, {_SQLITE_DOCUMENT}"  # noqa: S608
        " FROM claims c",
        # Trigram: any substring of three characters or more, case folded (SQLite >= 3.34).
        "CREATE VIRTUAL TABLE claim_search_fts USING fts5(document, content='claim_search',"
        " content_rowid='claim_id', tokenize='trigram')",
        "INSERT INTO claim_search_fts (claim_search_fts) VALUES ('rebuild')",
        *triggers, DUE_INDEX,
        *(f"CREATE INDEX {name} ON claims {columns}"
          for name, columns in SQLITE_LIST_INDEXES.items())]


# -- PostgreSQL -----------------------------------------------------------------------------

_PG_FUNCTIONS = [
    # VOLATILE: a refresh that waited for another writer's row lock reads what it committed.
    f"""CREATE FUNCTION claim_search_document(target integer) RETURNS text
    LANGUAGE sql VOLATILE AS $$
    SELECT lower(translate(concat_ws(E'\\n', c.number, c.customer_email, c.customer_name,
        c.subject,
        (SELECT string_agg(f.value, E'\\n' ORDER BY f.id) FROM claim_fields f
         WHERE f.claim_id = c.id AND f.name IN {NUMBER_FIELDS} AND f.replaced_at IS NULL),
        (SELECT string_agg(m.text_body, E'\\n' ORDER BY m.id) FROM messages m
         WHERE m.claim_id = c.id)), 'ёЁ', 'ее'))
    FROM claims c WHERE c.id = target $$""",  # noqa: S608
    """CREATE FUNCTION claim_search_refresh(target integer) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE claim_search SET document = claim_search_document(target)
      WHERE claim_id = target;
      IF NOT FOUND THEN
        INSERT INTO claim_search (claim_id, document)
        SELECT c.id, claim_search_document(c.id) FROM claims c WHERE c.id = target
        ON CONFLICT (claim_id) DO UPDATE SET document = claim_search_document(target);
      END IF;
    END $$""",
    """CREATE FUNCTION claim_search_claim_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM claim_search WHERE claim_id = OLD.id;
      ELSE
        PERFORM claim_search_refresh(NEW.id);
      END IF;
      RETURN NULL;
    END $$""",
    """CREATE FUNCTION claim_search_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM claim_search_refresh(OLD.claim_id);
      END IF;
      IF TG_OP = 'INSERT' THEN
        PERFORM claim_search_refresh(NEW.claim_id);
      ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.claim_id IS DISTINCT FROM OLD.claim_id THEN
          PERFORM claim_search_refresh(NEW.claim_id);
        END IF;
      END IF;
      RETURN NULL;
    END $$""",
]

_PG_TRIGGERS = [
    "CREATE TRIGGER claim_search_claims AFTER INSERT OR DELETE"
    " OR UPDATE OF number, customer_email, customer_name, subject ON claims"
    " FOR EACH ROW EXECUTE FUNCTION claim_search_claim_changed()",
    "CREATE TRIGGER claim_search_messages AFTER INSERT OR DELETE"
    " OR UPDATE OF claim_id, text_body ON messages"
    " FOR EACH ROW EXECUTE FUNCTION claim_search_part_changed()",
    "CREATE TRIGGER claim_search_fields AFTER INSERT OR DELETE"
    " OR UPDATE OF claim_id, name, value, replaced_at ON claim_fields"
    " FOR EACH ROW EXECUTE FUNCTION claim_search_part_changed()",
]


def _postgresql() -> list[str]:
    return [
        "CREATE TABLE claim_search (claim_id integer NOT NULL PRIMARY KEY,"
        " document text NOT NULL DEFAULT '')",
        *_PG_FUNCTIONS,
        "INSERT INTO claim_search (claim_id, document)"
        " SELECT id, claim_search_document(id) FROM claims",
        *_pg_trigram_index(), *_PG_TRIGGERS,
        *(f"CREATE INDEX {name} ON claims {columns}"
          for name, columns in PG_LIST_INDEXES.items()),
        DUE_INDEX]


def _pg_trigram_index() -> list[str]:
    """pg_trgm's GIN index for LIKE '%...%'. pg_trgm is trusted since PostgreSQL 13 (the
    database's owner may install it); where it is missing or may not be installed, the
    search reads the same table unindexed (slower, same answers) and this says so."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as error:
        print(f"0017: pg_trgm unavailable ({error.orig}); claim search is not indexed",
              file=sys.stderr)
        return []
    return ["CREATE INDEX ix_claim_search_document ON claim_search"
            " USING gin (document gin_trgm_ops)"]
