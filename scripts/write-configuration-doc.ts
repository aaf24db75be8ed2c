/**
 * `npm run docs:config`: write docs/configuration.md from the settings schema
 * (src/config/settings.ts). test/unit/config/configuration-doc.test.ts fails until this is run
 * after a change to the schema, its defaults or the renderer.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderSettingsReference } from "../src/config/render-settings-reference.js";

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "configuration.md");
writeFileSync(target, renderSettingsReference());
process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
