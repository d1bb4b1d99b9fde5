// Whether a text is a task sequence, judged from its first element only. Editors open every *.xml
// as XML; this tells a task sequence from other XML files without parsing, so that the extension
// can claim the one and leave the other alone. Dependency-free: the client bundles it too.

/** How much of the start of a document is looked at. */
export const DETECTION_WINDOW = 64 * 1024;

// The prolog that may come before the root element: BOM, whitespace, the XML declaration,
// comments and a DOCTYPE.
const PROLOG = /^(?:\uFEFF|\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/;

const ROOT_PATTERNS: readonly RegExp[] = [
  // A bare sequence; `version` keeps other formats that have a <sequence> root out.
  /^<sequence\s[^<>]*\bversion\s*=/,
  // A sequence whose version was lost, recognised by its first child (a task sequence element).
  /^<sequence(?:\s[^<>]*)?>\s*(?:<!--[\s\S]*?-->\s*)*<(?:group|step|subtasksequence|referenceList|globalVarList)[\s>/]/,
  // The console's package export wraps the sequence in <SmsTaskSequencePackage>.
  /^<SmsTaskSequencePackage[\s>/]/,
  // object.xml: a CIM instance of SMS_TaskSequencePackage.
  /^<INSTANCE\s[^<>]*\bCLASSNAME\s*=\s*["']SMS_TaskSequencePackage["']/,
  // The whole sequence stored as entity-escaped text.
  /^&lt;sequence[\s&]/,
];

/** True when the text's root element is a task sequence or one of its export wrappers. */
export function looksLikeTaskSequence(text: string): boolean {
  const head = text.length > DETECTION_WINDOW ? text.slice(0, DETECTION_WINDOW) : text;
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0);
  return ROOT_PATTERNS.some((pattern) => pattern.test(rest));
}
