// Compile a JSON Schema with ajv (regular expressions in ECMAScript's unicode mode, as
// editors run them) and validate YAML files read as YAML 1.2 (the `yaml` package, which
// yaml-language-server uses). Prints {file: ["<instancePath> <keyword>: <message>", ...]}.
// Usage: node schema_check.mjs SCHEMA.json FILE.yaml ...
import fs from "node:fs";
import Ajv from "ajv";
import { parse } from "yaml";

const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
delete schema.$schema; // draft-07 is ajv's default; no meta-schema fetch
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
const validate = ajv.compile(schema);
const result = {};
for (const file of files) {
  const data = parse(fs.readFileSync(file, "utf8"));
  validate(data);
  result[file] = (validate.errors || []).map((e) => `${e.instancePath} ${e.keyword}: ${e.message}`);
}
console.log(JSON.stringify(result));
