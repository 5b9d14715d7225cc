-- TPC-H Q11 for ClickHouse 18.16: one JOIN per SELECT (nested).
SELECT
    ps_partkey,
    sum(ps_supplycost * ps_availqty) AS value
FROM partsupp
ALL INNER JOIN
(
    SELECT s_suppkey
    FROM supplier
    ALL INNER JOIN (SELECT n_nationkey FROM nation WHERE n_name = 'GERMANY') ON s_nationkey = n_nationkey
) ON ps_suppkey = s_suppkey
GROUP BY ps_partkey
HAVING sum(ps_supplycost * ps_availqty) >
(
    SELECT sum(ps_supplycost * ps_availqty) * 0.0001
    FROM partsupp
    ALL INNER JOIN
    (
        SELECT s_suppkey
        FROM supplier
        ALL INNER JOIN (SELECT n_nationkey FROM nation WHERE n_name = 'GERMANY') ON s_nationkey = n_nationkey
    ) ON ps_suppkey = s_suppkey
)
ORDER BY value DESC;
