-- TPC-H Q2 for ClickHouse 18.16: one JOIN per SELECT (nested), and the correlated
-- min(ps_supplycost) per part as an IN over (part, minimum cost among European suppliers).
-- p_partkey is read as ps_partkey, its equal by the join (18.16 fails with "Size of offsets
-- doesn't match size of column" when both keys pass through the join).
SELECT
    s_acctbal,
    s_name,
    n_name,
    ps_partkey AS p_partkey,
    p_mfgr,
    s_address,
    s_phone,
    s_comment
FROM
(
    SELECT ps_partkey, ps_suppkey, ps_supplycost, p_mfgr
    FROM partsupp
    ALL INNER JOIN
    (
        SELECT p_partkey, p_mfgr FROM part WHERE p_size = 15 AND p_type LIKE '%BRASS'
    ) ON ps_partkey = p_partkey
)
ALL INNER JOIN
(
    SELECT s_suppkey, s_acctbal, s_name, s_address, s_phone, s_comment, n_name
    FROM supplier
    ALL INNER JOIN
    (
        SELECT n_nationkey, n_name
        FROM nation
        ALL INNER JOIN (SELECT r_regionkey FROM region WHERE r_name = 'EUROPE') ON n_regionkey = r_regionkey
    ) ON s_nationkey = n_nationkey
) ON ps_suppkey = s_suppkey
WHERE (ps_partkey, ps_supplycost) IN
(
    SELECT ps_partkey, min(ps_supplycost)
    FROM partsupp
    ALL INNER JOIN
    (
        SELECT s_suppkey
        FROM supplier
        ALL INNER JOIN
        (
            SELECT n_nationkey
            FROM nation
            ALL INNER JOIN (SELECT r_regionkey FROM region WHERE r_name = 'EUROPE') ON n_regionkey = r_regionkey
        ) ON s_nationkey = n_nationkey
    ) ON ps_suppkey = s_suppkey
    GROUP BY ps_partkey
)
ORDER BY
    s_acctbal DESC,
    n_name,
    s_name,
    ps_partkey
LIMIT 100;
