#!/usr/bin/env python3
"""A small tour of the BoyoDB Python client: create a table, insert, query, prepare.

    PYTHONPATH=clients/python python3 clients/python/example.py \\
        --host 127.0.0.1 --port 8765 --user admin --password secret

Each option defaults to an environment variable: BOYODB_HOST, BOYODB_PORT, BOYODB_USER,
BOYODB_PASSWORD, and for a server on TLS BOYODB_TLS_CA, BOYODB_TLS_CERT, BOYODB_TLS_KEY
(--tls-ca implies --tls).
"""

import argparse
import datetime
import decimal
import os
import sys
from contextlib import closing

import boyodb


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("BOYODB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BOYODB_PORT", "8765")))
    parser.add_argument("--user", default=os.environ.get("BOYODB_USER", "admin"))
    parser.add_argument("--password", default=os.environ.get("BOYODB_PASSWORD", ""))
    parser.add_argument("--tls", action="store_true", help="connect with TLS 1.3")
    parser.add_argument("--tls-ca", default=os.environ.get("BOYODB_TLS_CA"),
                        help="CA certificate (PEM) to verify the server with")
    parser.add_argument("--tls-cert", default=os.environ.get("BOYODB_TLS_CERT"),
                        help="client certificate (PEM), for a server that requires one")
    parser.add_argument("--tls-key", default=os.environ.get("BOYODB_TLS_KEY"),
                        help="the client certificate's key (PEM)")
    parser.add_argument("--table", default=f"example_orders_{os.getpid()}")
    return parser.parse_args()


def tls_arguments(args):
    if not (args.tls or args.tls_ca):
        return {}
    return {"tls": True, "tls_ca": args.tls_ca, "tls_cert": args.tls_cert,
            "tls_key": args.tls_key}


def main():
    args = parse_arguments()
    with closing(boyodb.connect(host=args.host, port=args.port, user=args.user,
                                password=args.password, **tls_arguments(args))) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {args.table} (id BIGINT NOT NULL, customer TEXT, "
                    "amount DECIMAL(10,2), placed TIMESTAMPTZ, tags TEXT[])")
        cur.executemany(
            f"INSERT INTO {args.table} VALUES (%s, %s, %s, %s, %s)",
            [(1, "Ada", decimal.Decimal("19.99"),
              datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc), ["new"]),
             (2, "Grace", decimal.Decimal("5.00"), None, []),
             (3, "Ada", decimal.Decimal("7.50"), None, ["repeat", "vip"])])
        conn.commit()  # autocommit is off by default: the inserts wait for COMMIT.

        cur.execute(f"SELECT customer, count(*), sum(amount) FROM {args.table} "
                    "WHERE amount > %(minimum)s GROUP BY customer ORDER BY customer",
                    {"minimum": decimal.Decimal("1")})
        print("columns:", ", ".join(f"{d[0]} {d[1]}" for d in cur.description))
        for customer, orders, total in cur:
            print(f"{customer}: {orders} orders, {total} total")

        # Prepared once on the server, run once per customer: the values travel apart from
        # the SQL, and $1's type (TEXT) comes from the column it is compared with.
        with conn.prepare(f"SELECT id, amount FROM {args.table} WHERE customer = $1 "
                          "ORDER BY id") as orders_of:
            for customer in ("Ada", "Grace"):
                cur.execute(orders_of, (customer,))
                orders = ", ".join(f"#{number} {amount}" for number, amount in cur)
                print(f"{customer}'s orders: {orders}")

        cur.execute(f"DROP TABLE {args.table}")
        conn.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
