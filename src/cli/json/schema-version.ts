/**
 * The version every `--json` output carries (design §4). Fields are added freely under one
 * version; a rename or a removal would be a new one.
 */
export const SCHEMA_VERSION = 1;

export type SchemaVersion = typeof SCHEMA_VERSION;
