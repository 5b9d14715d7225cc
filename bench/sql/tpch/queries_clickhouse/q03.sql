-- TPC-H Q3 for ClickHouse 18.16: one JOIN per SELECT (nested), filters inside the joined
-- subqueries, date literals as toDate().
SELECT
    l_orderkey,
    sum(l_extendedprice * (1 - l_discount)) AS revenue,
    o_orderdate,
    o_shippriority
FROM
(
    SELECT l_orderkey, l_extendedprice, l_discount
    FROM lineitem
    WHERE l_shipdate > toDate('1995-03-15')
)
ALL INNER JOIN
(
    SELECT o_orderkey, o_orderdate, o_shippriority
    FROM
    (
        SELECT o_orderkey, o_custkey, o_orderdate, o_shippriority
        FROM orders
        WHERE o_orderdate < toDate('1995-03-15')
    )
    ALL INNER JOIN (SELECT c_custkey FROM customer WHERE c_mktsegment = 'BUILDING') ON o_custkey = c_custkey
) ON l_orderkey = o_orderkey
GROUP BY
    l_orderkey,
    o_orderdate,
    o_shippriority
ORDER BY
    revenue DESC,
    o_orderdate
LIMIT 10;
