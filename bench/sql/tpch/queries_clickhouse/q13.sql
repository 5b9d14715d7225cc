-- TPC-H Q13 for ClickHouse 18.16: the LEFT JOIN's condition on o_comment moves into the
-- joined subquery, and count(o_orderkey) becomes sum(matched): ClickHouse fills the columns
-- of an unmatched row with 0, not NULL, so each joined order carries a 1 to count.
SELECT
    c_count,
    count(*) AS custdist
FROM
(
    SELECT
        c_custkey,
        sum(matched) AS c_count
    FROM (SELECT c_custkey FROM customer)
    ALL LEFT JOIN
    (
        SELECT o_custkey, 1 AS matched
        FROM orders
        WHERE o_comment NOT LIKE '%special%requests%'
    ) ON c_custkey = o_custkey
    GROUP BY c_custkey
)
GROUP BY c_count
ORDER BY
    custdist DESC,
    c_count DESC;
