// Read .ics files with Mozilla's ical.js (the parser inside Thunderbird) and print JSON:
// {"<file>": {"name": ..., "timezones": [...], "events": [{uid, summary, status,
//   sequence, start, end, alarms}]}} with start and end in UTC (ISO 8601, "Z").
// An independent second reader for the feeds: no code shared with the generator.
// Usage: node parse_ics.mjs FILE...  (exit 1 with a message if a file cannot be parsed)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "package.json"));
const ICAL = (await import(require.resolve("ical.js"))).default;

function utc(time) {
  return time.toJSDate().toISOString().replace(".000Z", "Z");
}

function readCalendar(path) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents("vtimezone");
  // Register this file's own VTIMEZONEs, as Thunderbird does, and only for this file.
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  try {
    const events = calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        status: component.getFirstPropertyValue("status"),
        sequence: event.sequence,
        start: utc(event.startDate),
        end: utc(event.endDate),
        tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
        alarms: component.getAllSubcomponents("valarm").map((alarm) => String(alarm.getFirstPropertyValue("trigger"))),
      };
    });
    return {
      name: calendar.getFirstPropertyValue("x-wr-calname"),
      timezones: zones.map((zone) => zone.getFirstPropertyValue("tzid")),
      events,
    };
  } finally {
    for (const zone of zones) ICAL.TimezoneService.remove(zone.getFirstPropertyValue("tzid"));
  }
}

const result = {};
for (const path of process.argv.slice(2)) {
  try {
    result[path] = readCalendar(path);
  } catch (error) {
    console.error(`${path}: ${error.message}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(result, null, 1));
