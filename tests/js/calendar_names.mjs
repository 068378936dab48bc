// Print, as JSON, each calendar's name and description as Mozilla's ical.js (Thunderbird's
// parser) hands them to an app: {"<file>": {"name": ..., "description": ...}}.
// Usage: node calendar_names.mjs FILE...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "..", "package.json"));
const ICAL = (await import(require.resolve("ical.js"))).default;

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  result[path] = {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    description: calendar.getFirstPropertyValue("x-wr-caldesc"),
  };
}
process.stdout.write(JSON.stringify(result));
