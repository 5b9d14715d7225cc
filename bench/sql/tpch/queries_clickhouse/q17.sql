-- TPC-H Q17 for ClickHouse 18.16: the correlated 0.2 * avg(l_quantity) per part becomes a
-- join with that average grouped by part (computed for the selected parts only); sum over
-- no rows is NULL as in SQL.
SELECT
    if(count() = 0, NULL, sum(l_extendedprice) / 7.0) AS avg_yearly
FROM
(
    SELECT l_partkey, l_quantity, l_extendedprice
    FROM lineitem
    ALL INNER JOIN
    (
        SELECT p_partkey FROM part WHERE p_brand = 'Brand#23' AND p_container = 'MED BOX'
    ) ON l_partkey = p_partkey
)
ALL INNER JOIN
(
    SELECT
        l_partkey AS agg_partkey,
        0.2 * avg(l_quantity) AS small_quantity
    FROM lineitem
    WHERE l_partkey IN (SELECT p_partkey FROM part WHERE p_brand = 'Brand#23' AND p_container = 'MED BOX')
    GROUP BY l_partkey
) ON l_partkey = agg_partkey
WHERE l_quantity < small_quantity;
