-- TPC-H Q9 for ClickHouse 18.16: one JOIN per SELECT (nested), extract(year) as toYear().
SELECT
    nation,
    o_year,
    sum(amount) AS sum_profit
FROM
(
    SELECT
        n_name AS nation,
        toYear(o_orderdate) AS o_year,
        l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity AS amount
    FROM
    (
        SELECT l_orderkey, l_extendedprice, l_discount, l_quantity, ps_supplycost, n_name
        FROM
        (
            SELECT l_orderkey, l_suppkey, l_extendedprice, l_discount, l_quantity, ps_supplycost
            FROM
            (
                SELECT l_orderkey, l_partkey, l_suppkey, l_extendedprice, l_discount, l_quantity
                FROM lineitem
                ALL INNER JOIN (SELECT p_partkey FROM part WHERE p_name LIKE '%green%') ON l_partkey = p_partkey
            )
            ALL INNER JOIN
            (
                SELECT ps_partkey, ps_suppkey, ps_supplycost FROM partsupp
            ) ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey
        )
        ALL INNER JOIN
        (
            SELECT s_suppkey, n_name
            FROM supplier
            ALL INNER JOIN (SELECT n_nationkey, n_name FROM nation) ON s_nationkey = n_nationkey
        ) ON l_suppkey = s_suppkey
    )
    ALL INNER JOIN (SELECT o_orderkey, o_orderdate FROM orders) ON l_orderkey = o_orderkey
)
GROUP BY
    nation,
    o_year
ORDER BY
    nation,
    o_year DESC;
