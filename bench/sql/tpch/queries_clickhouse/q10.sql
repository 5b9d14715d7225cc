-- TPC-H Q10 for ClickHouse 18.16: one JOIN per SELECT (nested), date literals as toDate().
-- c_custkey is read as o_custkey, its equal by the join (18.16 may answer 0 for the right-hand
-- key of a join, see q18.sql).
SELECT
    o_custkey,
    c_name,
    sum(l_extendedprice * (1 - l_discount)) AS revenue,
    c_acctbal,
    n_name,
    c_address,
    c_phone,
    c_comment
FROM
(
    SELECT l_extendedprice, l_discount, o_custkey
    FROM
    (
        SELECT l_orderkey, l_extendedprice, l_discount FROM lineitem WHERE l_returnflag = 'R'
    )
    ALL INNER JOIN
    (
        SELECT o_orderkey, o_custkey
        FROM orders
        WHERE o_orderdate >= toDate('1993-10-01')
            AND o_orderdate < toDate('1993-10-01') + INTERVAL 3 MONTH
    ) ON l_orderkey = o_orderkey
)
ALL INNER JOIN
(
    SELECT c_custkey, c_name, c_acctbal, c_address, c_phone, c_comment, n_name
    FROM customer
    ALL INNER JOIN (SELECT n_nationkey, n_name FROM nation) ON c_nationkey = n_nationkey
) ON o_custkey = c_custkey
GROUP BY
    o_custkey,
    c_name,
    c_acctbal,
    c_phone,
    n_name,
    c_address,
    c_comment
ORDER BY revenue DESC
LIMIT 20;
