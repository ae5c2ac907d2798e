#!/usr/bin/env node
// Lint govkg's Neo4j Cypher with Neo4j's own language support library.
//
// Two ways to call it:
//   node lint.mjs --schema schema.json a.cypher b.cypher ...
//       each file's `// param <name>: ...` header lines declare its parameters
//   node lint.mjs < input.json
//       input = {"schema": DbSchema, "queries": [{"path": str, "text": str, "parameters": [str]}]}
// The schema is the DbSchema object `python tools/cypher_schema.py` prints.
// Add --json to get {"errors": [...], "warnings": [...]} on stdout instead of text lines.
// Exit status: 1 when any error is found, 2 on bad usage, else 0 (warnings are listed only).

import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY_ERROR = 1;
const SEVERITY_WARNING = 2;

function usage(message) {
  process.stderr.write(`lint.mjs: ${message}\n`);
  process.stderr.write('usage: node lint.mjs [--json] --schema schema.json FILE.cypher ...\n');
  process.stderr.write('       node lint.mjs [--json] < {"schema": {...}, "queries": [...]}\n');
  process.exit(2);
}

function headerParameters(text) {
  const names = [];
  for (const line of text.split('\n')) {
    const match = /^\s*\/\/\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

function readInput(argv) {
  const files = [];
  let schemaPath = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') continue;
    if (arg === '--schema') {
      schemaPath = argv[i + 1];
      i += 1;
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length > 0) {
    if (!schemaPath) usage('--schema is required when files are given');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const queries = files.map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path, text, parameters: headerParameters(text) };
    });
    return { schema, queries };
  }
  const raw = readFileSync(0, 'utf8');
  if (raw.trim() === '') usage('no files given and nothing on stdin');
  const input = JSON.parse(raw);
  if (!input.schema || !Array.isArray(input.queries)) usage('stdin JSON needs "schema" and "queries"');
  return input;
}

function lintOne(query, schema) {
  // Parameters are per query: the linter reports any $name it is not told about as an error.
  const parameters = {};
  for (const name of query.parameters ?? []) parameters[name] = null;
  const dbSchema = { ...schema, parameters };
  const { diagnostics } = lintCypherQuery(query.text, dbSchema, { consoleCommandsEnabled: false });
  return diagnostics.map((d) => ({
    path: query.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: d.severity === SEVERITY_ERROR ? 'error' : d.severity === SEVERITY_WARNING ? 'warning' : 'info',
    message: d.message,
  }));
}

const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const { schema, queries } = readInput(argv);
const found = queries.flatMap((q) => lintOne(q, schema));
const errors = found.filter((d) => d.severity === 'error');
const warnings = found.filter((d) => d.severity !== 'error');

if (asJson) {
  process.stdout.write(`${JSON.stringify({ checked: queries.length, errors, warnings }, null, 2)}\n`);
} else {
  for (const d of [...errors, ...warnings]) {
    process.stdout.write(`${d.path}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
  process.stdout.write(
    `${queries.length} queries checked: ${errors.length} error(s), ${warnings.length} warning(s)\n`,
  );
}
process.exit(errors.length > 0 ? 1 : 0);
