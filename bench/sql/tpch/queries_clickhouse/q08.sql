-- TPC-H Q8 for ClickHouse 18.16: one JOIN per SELECT (nested), extract(year) as toYear(),
-- CASE as if().
SELECT
    o_year,
    sum(if(nation = 'BRAZIL', volume, 0)) / sum(volume) AS mkt_share
FROM
(
    SELECT
        toYear(o_orderdate) AS o_year,
        l_extendedprice * (1 - l_discount) AS volume,
        nation
    FROM
    (
        SELECT l_orderkey, l_extendedprice, l_discount, nation
        FROM
        (
            SELECT l_orderkey, l_suppkey, l_extendedprice, l_discount
            FROM lineitem
            ALL INNER JOIN
            (
                SELECT p_partkey FROM part WHERE p_type = 'ECONOMY ANODIZED STEEL'
            ) ON l_partkey = p_partkey
        )
        ALL INNER JOIN
        (
            SELECT s_suppkey, nation
            FROM supplier
            ALL INNER JOIN (SELECT n_nationkey, n_name AS nation FROM nation) ON s_nationkey = n_nationkey
        ) ON l_suppkey = s_suppkey
    )
    ALL INNER JOIN
    (
        SELECT o_orderkey, o_orderdate
        FROM
        (
            SELECT o_orderkey, o_custkey, o_orderdate
            FROM orders
            WHERE o_orderdate BETWEEN toDate('1995-01-01') AND toDate('1996-12-31')
        )
        ALL INNER JOIN
        (
            SELECT c_custkey
            FROM customer
            ALL INNER JOIN
            (
                SELECT n_nationkey
                FROM nation
                ALL INNER JOIN (SELECT r_regionkey FROM region WHERE r_name = 'AMERICA') ON n_regionkey = r_regionkey
            ) ON c_nationkey = n_nationkey
        ) ON o_custkey = c_custkey
    ) ON l_orderkey = o_orderkey
)
GROUP BY o_year
ORDER BY o_year;
