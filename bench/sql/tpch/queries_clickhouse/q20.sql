-- TPC-H Q20 for ClickHouse 18.16: the correlated 0.5 * sum(l_quantity) per (part, supplier)
-- becomes a join with that sum grouped by (part, supplier); a pair without lineitem rows
-- (NULL sum, so not selected by the original) has no row to join, so it is left out too.
SELECT
    s_name,
    s_address
FROM (SELECT s_suppkey, s_name, s_address, s_nationkey FROM supplier)
ALL INNER JOIN (SELECT n_nationkey FROM nation WHERE n_name = 'CANADA') ON s_nationkey = n_nationkey
WHERE s_suppkey IN
(
    SELECT ps_suppkey
    FROM
    (
        SELECT ps_partkey, ps_suppkey, ps_availqty
        FROM partsupp
        WHERE ps_partkey IN (SELECT p_partkey FROM part WHERE p_name LIKE 'forest%')
    )
    ALL INNER JOIN
    (
        SELECT
            l_partkey,
            l_suppkey,
            0.5 * sum(l_quantity) AS half_quantity
        FROM lineitem
        WHERE l_shipdate >= toDate('1994-01-01')
            AND l_shipdate < toDate('1994-01-01') + INTERVAL 1 YEAR
        GROUP BY
            l_partkey,
            l_suppkey
    ) ON ps_partkey = l_partkey AND ps_suppkey = l_suppkey
    WHERE ps_availqty > half_quantity
)
ORDER BY s_name;
