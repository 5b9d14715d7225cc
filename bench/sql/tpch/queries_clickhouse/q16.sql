-- TPC-H Q16 for ClickHouse 18.16: the join as JOIN ... ON, filters inside the joined
-- subqueries (count(DISTINCT) is exact: uniqExact).
SELECT
    p_brand,
    p_type,
    p_size,
    count(DISTINCT ps_suppkey) AS supplier_cnt
FROM
(
    SELECT ps_partkey, ps_suppkey
    FROM partsupp
    WHERE ps_suppkey NOT IN
    (
        SELECT s_suppkey FROM supplier WHERE s_comment LIKE '%Customer%Complaints%'
    )
)
ALL INNER JOIN
(
    SELECT p_partkey, p_brand, p_type, p_size
    FROM part
    WHERE p_brand <> 'Brand#45'
        AND p_type NOT LIKE 'MEDIUM POLISHED%'
        AND p_size IN (49, 14, 23, 45, 19, 3, 36, 9)
) ON ps_partkey = p_partkey
GROUP BY
    p_brand,
    p_type,
    p_size
ORDER BY
    supplier_cnt DESC,
    p_brand,
    p_type,
    p_size;
