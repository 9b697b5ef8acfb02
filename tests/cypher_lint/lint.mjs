// Lint Cypher statements with Neo4j's own language support (the linter of
// Neo4j's VS Code extension and Browser).
//
// stdin: {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//         "statements": [{"name": ..., "cypher": ..., "parameters": {...}}]}
// stdout: [{"name": ..., "diagnostics": [{"severity": "error"|"warning", "message": ...,
//          "line": ..., "column": ..., "text": ...}]}]
//
// Functions and procedures: the registry of a Neo4j 5 server that the package
// ships (testData.mockSchema), so unknown or misspelt ones are reported.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const { schema, statements } = JSON.parse(input);

const results = statements.map(({ name, cypher, parameters }) => {
  const dbSchema = {
    ...schema,
    parameters: parameters ?? {},
    functions: testData.mockSchema.functions,
    procedures: testData.mockSchema.procedures,
  };
  const { diagnostics } = lintCypherQuery(cypher, dbSchema);
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      text: cypher.split('\n')[d.range.start.line]?.slice(d.range.start.character,
        d.range.start.line === d.range.end.line ? d.range.end.character : undefined),
    })),
  };
});
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
