// name: mechanism-adoption-by-province
// title: 各省逐年采用某机制 | Adoption of a mechanism by province and year
// description: For one mechanism, per province (GB/T 2260 code) and year reported on: how many placed jurisdictions report it, of how many placed jurisdictions of that province have a report of that year, and the share. Only jurisdictions placed on the map count (docs/identity.md); unresolved ones have no province.
// param: mechanism: mechanism  -- the mechanism, canonical name or alias
// example: mechanism=三项制度
// param: limit: int = 500  -- at most this many rows (province × year)
// backends: falkordb, neo4j
MATCH (d:Document)-[:ABOUT]->(j:Jurisdiction)
WHERE j.province_code IS NOT NULL AND d.year IS NOT NULL
WITH j.province_code AS province_code, j.province AS province, d.year AS year, collect(DISTINCT j) AS placed
UNWIND placed AS j
OPTIONAL MATCH (j)-[r:HAS_MECHANISM]->(:Mechanism {name: $mechanism})
WHERE year IN r.years
WITH province_code, province, year, size(placed) AS jurisdictions,
     count(DISTINCT CASE WHEN r IS NULL THEN null ELSE j.key END) AS adopting
RETURN province,
       province_code,
       year,
       adopting,
       jurisdictions,
       round(1000.0 * adopting / jurisdictions) / 1000.0 AS share
ORDER BY province_code, year
LIMIT $limit
