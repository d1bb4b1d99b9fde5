// The `taskSequence` configuration section as the editor sends it (plain JSON, possibly partial
// or wrong), turned into complete TaskSequenceSettings: anything missing or malformed falls back
// to its default.

import type { Flavor } from '../catalog/types';
import { DEFAULT_SETTINGS, type SeverityOverride, type TaskSequenceSettings } from '../settings';

const SEVERITIES: ReadonlySet<string> = new Set<SeverityOverride>(['error', 'warning', 'information', 'hint', 'off']);
const FLAVORS: ReadonlySet<string> = new Set<Flavor | 'auto'>(['auto', 'configmgr', 'mdt']);

function section(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function integer(value: unknown, fallback: number, min: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
}

function severityMap(value: unknown): Record<string, SeverityOverride> {
  const result: Record<string, SeverityOverride> = {};
  for (const [code, severity] of Object.entries(section(value))) {
    if (typeof severity === 'string' && SEVERITIES.has(severity)) {
      result[code] = severity as SeverityOverride;
    }
  }
  return result;
}

/** Settings from the raw `taskSequence` section. */
export function readSettings(raw: unknown): TaskSequenceSettings {
  const root = section(raw);
  const validate = section(root.validate);
  const limits = section(root.limits);
  const flavor = typeof root.flavor === 'string' && FLAVORS.has(root.flavor) ? (root.flavor as Flavor | 'auto') : DEFAULT_SETTINGS.flavor;
  return {
    validate: typeof validate.enable === 'boolean' ? validate.enable : DEFAULT_SETTINGS.validate,
    severity: severityMap(validate.severity),
    flavor,
    // Negative means "no limit", as for json.maxItemsComputed.
    maxItemsComputed: integer(root.maxItemsComputed, DEFAULT_SETTINGS.maxItemsComputed, -1),
    maxDocumentSize: integer(limits.maxDocumentSize, DEFAULT_SETTINGS.maxDocumentSize, 0),
    maxNestingDepth: integer(limits.maxNestingDepth, DEFAULT_SETTINGS.maxNestingDepth, 1),
  };
}
