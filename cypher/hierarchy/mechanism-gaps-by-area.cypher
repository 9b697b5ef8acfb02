// name: mechanism-gaps-by-area
// title: 少有辖区报告某机制的省或地市 | Provinces or prefectures where few report a mechanism
// description: For one mechanism, every province (or, with by=prefecture, prefecture; a municipality counts as its own prefecture) with the placed jurisdictions that have a report, how many of them report the mechanism and the share, fewest first: where a mechanism has not spread.
// param: mechanism: mechanism  -- the mechanism, canonical name or alias
// example: mechanism=三项制度
// param: by: string = "province"  -- province or prefecture
// param: limit: int = 200  -- at most this many areas, the lowest shares first
// backends: falkordb, neo4j
MATCH (:Document)-[:ABOUT]->(j:Jurisdiction)
WHERE j.province_code IS NOT NULL
WITH DISTINCT j
WITH j,
     CASE WHEN $by = 'prefecture' THEN coalesce(j.prefecture_code, j.province_code) ELSE j.province_code END AS area_code,
     CASE WHEN $by = 'prefecture' THEN coalesce(j.prefecture, j.province) ELSE j.province END AS area
OPTIONAL MATCH (j)-[r:HAS_MECHANISM]->(:Mechanism {name: $mechanism})
WITH area_code, area, count(DISTINCT j.key) AS jurisdictions,
     count(DISTINCT CASE WHEN r IS NULL THEN null ELSE j.key END) AS reporting
RETURN area,
       area_code,
       reporting,
       jurisdictions,
       round(1000.0 * reporting / jurisdictions) / 1000.0 AS share
ORDER BY share, area_code
LIMIT $limit
