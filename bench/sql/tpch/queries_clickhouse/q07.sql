-- TPC-H Q7 for ClickHouse 18.16: one JOIN per SELECT (nested), extract(year) as toYear().
-- Both nation lookups keep only FRANCE and GERMANY, which the final condition implies.
SELECT
    supp_nation,
    cust_nation,
    l_year,
    sum(volume) AS revenue
FROM
(
    SELECT
        supp_nation,
        cust_nation,
        toYear(l_shipdate) AS l_year,
        l_extendedprice * (1 - l_discount) AS volume
    FROM
    (
        SELECT l_orderkey, l_shipdate, l_extendedprice, l_discount, supp_nation
        FROM
        (
            SELECT l_orderkey, l_suppkey, l_shipdate, l_extendedprice, l_discount
            FROM lineitem
            WHERE l_shipdate BETWEEN toDate('1995-01-01') AND toDate('1996-12-31')
        )
        ALL INNER JOIN
        (
            SELECT s_suppkey, supp_nation
            FROM supplier
            ALL INNER JOIN
            (
                SELECT n_nationkey, n_name AS supp_nation
                FROM nation
                WHERE n_name IN ('FRANCE', 'GERMANY')
            ) ON s_nationkey = n_nationkey
        ) ON l_suppkey = s_suppkey
    )
    ALL INNER JOIN
    (
        SELECT o_orderkey, cust_nation
        FROM (SELECT o_orderkey, o_custkey FROM orders)
        ALL INNER JOIN
        (
            SELECT c_custkey, cust_nation
            FROM customer
            ALL INNER JOIN
            (
                SELECT n_nationkey, n_name AS cust_nation
                FROM nation
                WHERE n_name IN ('FRANCE', 'GERMANY')
            ) ON c_nationkey = n_nationkey
        ) ON o_custkey = c_custkey
    ) ON l_orderkey = o_orderkey
    WHERE (supp_nation = 'FRANCE' AND cust_nation = 'GERMANY')
        OR (supp_nation = 'GERMANY' AND cust_nation = 'FRANCE')
)
GROUP BY
    supp_nation,
    cust_nation,
    l_year
ORDER BY
    supp_nation,
    cust_nation,
    l_year;
