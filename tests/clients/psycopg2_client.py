"""A psycopg2 client of boyodb-server's PostgreSQL listener, run by tests/server/pgwire_server_test.cc.

Usage: python3 psycopg2_client.py HOST PORT USER PASSWORD
Prints one line per check: what psycopg2 saw (values with their Python types, column type
OIDs, error SQLSTATEs), which the C++ test compares with what PostgreSQL would give.
"""
import sys

import psycopg2

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
connection = psycopg2.connect(host=host, port=port, user=user, password=password, dbname="postgres")
cursor = connection.cursor()

cursor.execute("CREATE TABLE items (id BIGINT NOT NULL, name TEXT, price NUMERIC(8,2), "
               "seen TIMESTAMPTZ, ok BOOLEAN, ratio DOUBLE PRECISION, day DATE)")
cursor.execute("INSERT INTO items VALUES (%s, %s, %s, %s, %s, %s, %s)",
               (1, "it's", "12.50", "2024-05-06 07:08:09+00", True, 0.25, "2024-05-06"))
cursor.execute("INSERT INTO items (id) VALUES (%s)", (2,))
connection.commit()
print("rowcount", cursor.rowcount)

cursor.execute("SELECT * FROM items ORDER BY id")
print("columns", [(d[0], d[1]) for d in cursor.description])
for row in cursor.fetchall():
    print("row", [(type(v).__name__, str(v)) for v in row])

cursor.execute("SELECT name FROM items WHERE id = %s AND name = %s", (1, "it's"))
print("parameters", cursor.fetchall())

try:
    cursor.execute("SELECT * FROM missing")
except psycopg2.Error as error:
    print("error", error.pgcode)
connection.rollback()

# A failed statement spoils the transaction block until ROLLBACK.
try:
    cursor.execute("SELECT 1/0")
except psycopg2.Error as error:
    print("error", error.pgcode)
try:
    cursor.execute("SELECT 1")
except psycopg2.Error as error:
    print("error", error.pgcode)
connection.rollback()

cursor.execute("SELECT count(*) FROM items")
print("count", cursor.fetchone()[0])
connection.close()
