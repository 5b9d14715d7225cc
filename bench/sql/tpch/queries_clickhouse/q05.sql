-- TPC-H Q5 for ClickHouse 18.16: one JOIN per SELECT (nested); the condition
-- c_nationkey = s_nationkey becomes the second key of the join with the suppliers.
SELECT
    n_name,
    sum(l_extendedprice * (1 - l_discount)) AS revenue
FROM
(
    SELECT l_suppkey, l_extendedprice, l_discount, c_nationkey
    FROM (SELECT l_orderkey, l_suppkey, l_extendedprice, l_discount FROM lineitem)
    ALL INNER JOIN
    (
        SELECT o_orderkey, c_nationkey
        FROM
        (
            SELECT o_orderkey, o_custkey
            FROM orders
            WHERE o_orderdate >= toDate('1994-01-01')
                AND o_orderdate < toDate('1994-01-01') + INTERVAL 1 YEAR
        )
        ALL INNER JOIN (SELECT c_custkey, c_nationkey FROM customer) ON o_custkey = c_custkey
    ) ON l_orderkey = o_orderkey
)
ALL INNER JOIN
(
    SELECT s_suppkey, s_nationkey, n_name
    FROM supplier
    ALL INNER JOIN
    (
        SELECT n_nationkey, n_name
        FROM nation
        ALL INNER JOIN (SELECT r_regionkey FROM region WHERE r_name = 'ASIA') ON n_regionkey = r_regionkey
    ) ON s_nationkey = n_nationkey
) ON l_suppkey = s_suppkey AND c_nationkey = s_nationkey
GROUP BY n_name
ORDER BY revenue DESC;
