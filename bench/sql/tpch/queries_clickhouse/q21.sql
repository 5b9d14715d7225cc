-- TPC-H Q21 for ClickHouse 18.16: one JOIN per SELECT (nested); EXISTS and NOT EXISTS
-- (correlated on the order) as counts over the order's lines. Another supplier shipped in the
-- order if the order has more than one distinct supplier; no other supplier was late if the
-- order's late lines have exactly one distinct supplier (the late l1 itself).
SELECT
    s_name,
    count(*) AS numwait
FROM
(
    SELECT l_orderkey, s_name
    FROM
    (
        SELECT l_orderkey, l_suppkey
        FROM (SELECT l_orderkey, l_suppkey FROM lineitem WHERE l_receiptdate > l_commitdate)
        ALL INNER JOIN (SELECT o_orderkey FROM orders WHERE o_orderstatus = 'F') ON l_orderkey = o_orderkey
    )
    ALL INNER JOIN
    (
        SELECT s_suppkey, s_name
        FROM supplier
        ALL INNER JOIN (SELECT n_nationkey FROM nation WHERE n_name = 'SAUDI ARABIA') ON s_nationkey = n_nationkey
    ) ON l_suppkey = s_suppkey
)
ALL INNER JOIN
(
    SELECT
        l_orderkey AS agg_orderkey,
        uniqExact(l_suppkey) AS num_suppliers,
        uniqExactIf(l_suppkey, l_receiptdate > l_commitdate) AS num_late_suppliers
    FROM lineitem
    WHERE l_orderkey IN (SELECT o_orderkey FROM orders WHERE o_orderstatus = 'F')
    GROUP BY l_orderkey
) ON l_orderkey = agg_orderkey
WHERE num_suppliers > 1 AND num_late_suppliers = 1
GROUP BY s_name
ORDER BY
    numwait DESC,
    s_name
LIMIT 100;
