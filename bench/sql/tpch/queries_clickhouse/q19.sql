-- TPC-H Q19 for ClickHouse 18.16: p_partkey = l_partkey, common to the three disjuncts,
-- becomes the join key; the shipping mode and instruction, also common to all three, filter
-- lineitem before the join. Sum over no rows is NULL as in SQL.
SELECT
    if(count() = 0, NULL, sum(l_extendedprice * (1 - l_discount))) AS revenue
FROM
(
    SELECT l_partkey, l_quantity, l_extendedprice, l_discount
    FROM lineitem
    WHERE l_shipmode IN ('AIR', 'AIR REG')
        AND l_shipinstruct = 'DELIVER IN PERSON'
)
ALL INNER JOIN (SELECT p_partkey, p_brand, p_container, p_size FROM part) ON l_partkey = p_partkey
WHERE
    (
        p_brand = 'Brand#12'
        AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
        AND l_quantity >= 1 AND l_quantity <= 1 + 10
        AND p_size BETWEEN 1 AND 5
    )
    OR
    (
        p_brand = 'Brand#23'
        AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
        AND l_quantity >= 10 AND l_quantity <= 10 + 10
        AND p_size BETWEEN 1 AND 10
    )
    OR
    (
        p_brand = 'Brand#34'
        AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
        AND l_quantity >= 20 AND l_quantity <= 20 + 10
        AND p_size BETWEEN 1 AND 15
    );
