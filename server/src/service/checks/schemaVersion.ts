// Schema version: `<sequence version=>` is SMS_TaskSequence.SchemaVersion. The client runs a
// sequence only when it carries a version it expects; import fails without one.
//
// Codes:
//   missing-schema-version  error    no version, or an empty one
//   unknown-schema-version  warning  a version other than the known ones (3.00, 3.10)

import { SCHEMA_VERSIONS, getSchemaVersion } from '../catalog';
import type { Problem } from '../model';
import { attribute } from '../model';
import type { CheckContext } from './index';
import { encodeForDocument, isLiteTouch } from './stepSupport';

export function checkSchemaVersion({ document }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  // The versions every client accepts; one seen only in one flavor's files is still reported.
  const known = SCHEMA_VERSIONS.filter((v) => v.flavor === undefined).map((v) => v.value);
  const isKnownSchemaVersion = (value: string): boolean => known.includes(value);
  const listed = known.join(' or ');
  // Lite Touch templates all write the SDK default; current consoles write the newest.
  const preferred = isLiteTouch(document) ? known[0] : known[known.length - 1];
  const version = attribute(sequence.element, 'version');
  if (!version) {
    return [
      {
        code: 'missing-schema-version',
        severity: 'error',
        message: `<sequence> has no version: ConfigMgr cannot import a task sequence without its schema version. Add version="${preferred}" (known versions: ${listed}).`,
        span: sequence.element.nameSpan,
        data: { insertText: encodeForDocument(document, ` version="${preferred}"`), insertAt: sequence.element.nameSpan.end },
      },
    ];
  }
  const value = version.value;
  if (value.trim() === '') {
    const empty = version.valueSpan.start === version.valueSpan.end;
    return [
      {
        code: 'missing-schema-version',
        severity: 'error',
        message: `The schema version is empty: ConfigMgr cannot import a task sequence without one. Use ${listed}.`,
        span: empty ? version.span : version.valueSpan,
        data: empty ? { insertText: preferred, insertAt: version.valueSpan.start } : { replacements: orderFor(known, preferred) },
      },
    ];
  }
  if (isKnownSchemaVersion(value)) {
    return [];
  }
  const trimmed = value.trim();
  const replacements = isKnownSchemaVersion(trimmed) ? [trimmed] : orderFor(known, preferred);
  const seen = getSchemaVersion(trimmed);
  const detail = isKnownSchemaVersion(trimmed)
    ? `"${value}" has white space around the version; write "${trimmed}".`
    : seen
      ? `Schema version "${value}" appears only in some ${seen.flavor === 'mdt' ? 'MDT' : 'ConfigMgr'} files; a ConfigMgr client runs only a sequence whose schema version it expects (${listed}).`
      : `Schema version "${value}" is not one ConfigMgr writes: the client runs only a sequence whose schema version it expects (known versions: ${listed}).`;
  return [
    {
      code: 'unknown-schema-version',
      severity: 'warning',
      message: detail,
      span: version.valueSpan,
      data: { replacements },
    },
  ];
}

function orderFor(known: readonly string[], preferred: string): string[] {
  return [preferred, ...known.filter((v) => v !== preferred)];
}
