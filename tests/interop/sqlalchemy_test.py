"""SQLAlchemy (Debian's 1.4, over psycopg2) against boyodb-server's PostgreSQL wire protocol.

Run under tests/support/with_server.py. An ORM's start-up reads settings (SHOW
standard_conforming_strings, current_schema(), version()) and its reflection reads pg_catalog:
the tables, views, sequences and schemas, a table's primary key and unique constraints, a view's
definition. A Core round trip then inserts and selects through its parameter binding.
"""

import os
import unittest

import sqlalchemy as sa


def engine():
    url = sa.engine.URL.create(
        "postgresql+psycopg2", username=os.environ["BOYODB_USER"],
        password=os.environ["BOYODB_PASSWORD"], host=os.environ["BOYODB_HOST"],
        port=int(os.environ["BOYODB_PG_PORT"]), database="postgres")
    return sa.create_engine(url, connect_args={"connect_timeout": 30})


class SqlAlchemyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = engine()
        with cls.engine.begin() as connection:
            connection.execute(sa.text(
                "CREATE TABLE items (id SERIAL PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                "price NUMERIC(10,2), UNIQUE (name))"))
            connection.execute(sa.text("CREATE VIEW cheap AS SELECT id, name FROM items"))
            connection.execute(sa.text("CREATE SEQUENCE tickets START 100"))
        cls.inspector = sa.inspect(cls.engine)

    def test_start_up_reads_the_server(self):
        self.assertEqual(self.engine.dialect.server_version_info[0], 15)
        self.assertEqual(self.engine.dialect.default_schema_name, "public")
        self.assertTrue(self.engine.dialect._backslash_escapes is False)

    def test_reflection_lists_relations(self):
        self.assertIn("items", self.inspector.get_table_names())
        self.assertEqual(self.inspector.get_view_names(), ["cheap"])
        self.assertEqual(sorted(self.inspector.get_sequence_names()), ["items_id_seq", "tickets"])
        self.assertIn("public", self.inspector.get_schema_names())
        self.assertTrue(self.inspector.has_table("items"))
        self.assertFalse(self.inspector.has_table("nope"))

    def test_reflection_reads_keys_and_definitions(self):
        self.assertEqual(self.inspector.get_pk_constraint("items"),
                         {"constrained_columns": ["id"], "name": "items_pkey"})
        self.assertEqual(self.inspector.get_unique_constraints("items"),
                         [{"name": "items_name_key", "column_names": ["name"]}])
        self.assertEqual(self.inspector.get_foreign_keys("items"), [])
        self.assertEqual(self.inspector.get_view_definition("cheap"),
                         "SELECT id, name FROM items")

    def test_core_statements_bind_parameters(self):
        items = sa.Table("items_core", sa.MetaData(), sa.Column("id", sa.Integer),
                         sa.Column("name", sa.String(20)))
        items.create(self.engine)
        with self.engine.begin() as connection:
            connection.execute(items.insert(), [{"id": 1, "name": "it's"}, {"id": 2, "name": "b"}])
            rows = connection.execute(
                sa.select(items.c.name).where(items.c.id > 0).order_by(items.c.id)).fetchall()
        self.assertEqual([row.name for row in rows], ["it's", "b"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
