-- TPC-H Q18 for ClickHouse 18.16: one JOIN per SELECT (nested), the few selected orders on
-- the hash side of the join with lineitem. o_orderkey is read as l_orderkey, its equal by the
-- join: 18.16 answers 0 for the right-hand key of a join whose right side is a join (and
-- c_custkey as o_custkey likewise).
SELECT
    c_name,
    o_custkey,
    l_orderkey,
    o_orderdate,
    o_totalprice,
    sum(l_quantity)
FROM (SELECT l_orderkey, l_quantity FROM lineitem)
ALL INNER JOIN
(
    SELECT c_name, o_custkey, o_orderkey, o_orderdate, o_totalprice
    FROM
    (
        SELECT o_orderkey, o_custkey, o_orderdate, o_totalprice
        FROM orders
        WHERE o_orderkey IN
        (
            SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 300
        )
    )
    ALL INNER JOIN (SELECT c_custkey, c_name FROM customer) ON o_custkey = c_custkey
) ON l_orderkey = o_orderkey
GROUP BY
    c_name,
    o_custkey,
    l_orderkey,
    o_orderdate,
    o_totalprice
ORDER BY
    o_totalprice DESC,
    o_orderdate
LIMIT 100;
