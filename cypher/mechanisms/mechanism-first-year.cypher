// name: mechanism-first-year
// title: 各辖区首次报告某机制的年份 | First year each jurisdiction reports each mechanism
// description: The earliest report year in which each jurisdiction reports each mechanism, with the status from its latest report.
// param: mechanism: mechanism = null  -- only this mechanism (canonical name or alias)
// backends: falkordb, neo4j
MATCH (j:Jurisdiction)-[r:HAS_MECHANISM]->(m:Mechanism)
WHERE $mechanism IS NULL OR m.name = $mechanism
UNWIND r.years AS year
WITH j, m, r, min(year) AS first_year
RETURN m.name AS mechanism,
       first_year,
       j.name AS jurisdiction,
       j.level AS level,
       r.status AS status
ORDER BY mechanism, first_year, jurisdiction, j.key
