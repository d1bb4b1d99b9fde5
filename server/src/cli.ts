// tasksequence-lint: the checks of the language service for CI pipelines and pre-commit hooks.
// Exit code: 0 no error, 1 an error was reported, 2 bad usage or a file that could not be read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from './service/languageService';
import { DEFAULT_SETTINGS, type SeverityOverride, type TaskSequenceSettings } from './service/settings';

type Format = 'text' | 'json';

interface Options {
  readonly format: Format;
  readonly targets: readonly string[];
  /** Per-code severity overrides: --config FILE first, then every --severity CODE=LEVEL. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
}

interface FileReport {
  readonly path: string;
  readonly schemaVersion: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

const USAGE = `Usage: tasksequence-lint [--format text|json] [--severity CODE=LEVEL]… [--config FILE] FILE|DIR…
Checks ConfigMgr / MDT task sequence XML. Directories are searched for *.xml files.
  --severity CODE=LEVEL  report CODE as error, warning, information or hint, or not at all (off);
                         repeatable
  --config FILE          a JSON file {"severity": {"CODE": "LEVEL", …}}; --severity wins over it
Exit code: 0 no errors, 1 errors reported, 2 bad usage or unreadable files.`;

const SEVERITY_LEVELS: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Files above this size are not task sequences (ConfigMgr refuses over 2 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const SEVERITY_NAMES: Readonly<Record<DiagnosticSeverity, string>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Options {
  let format: Format = 'text';
  const targets: string[] = [];
  let configured: Record<string, SeverityOverride> = {};
  const severity: Record<string, SeverityOverride> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') {
      format = parseFormat(args[++i]);
    } else if (arg.startsWith('--format=')) {
      format = parseFormat(arg.slice('--format='.length));
    } else if (arg === '--severity' || arg.startsWith('--severity=')) {
      const [code, level] = parseSeverity(arg === '--severity' ? args[++i] : arg.slice('--severity='.length));
      severity[code] = level;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      configured = readConfig(arg === '--config' ? args[++i] : arg.slice('--config='.length));
    } else if (arg === '--') {
      targets.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) {
    throw new UsageError('No file or folder given.');
  }
  return { format, targets, severity: { ...configured, ...severity } };
}

/** `CODE=LEVEL` of --severity. */
function parseSeverity(value: string | undefined): [string, SeverityOverride] {
  const match = /^([^=\s]+)=(\w+)$/.exec(value ?? '');
  const level = match?.[2].toLowerCase() as SeverityOverride | undefined;
  if (!match || !level || !SEVERITY_LEVELS.includes(level)) {
    throw new UsageError(`--severity takes CODE=LEVEL with LEVEL one of ${SEVERITY_LEVELS.join(', ')}, not ${value ?? 'nothing'}.`);
  }
  return [match[1], level];
}

/** The `severity` map of a --config JSON file. */
function readConfig(file: string | undefined): Record<string, SeverityOverride> {
  if (file === undefined) {
    throw new UsageError('--config takes a JSON file.');
  }
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read --config ${file}: ${(e as Error).message}`);
  }
  const map = (config as { severity?: unknown } | null)?.severity;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new UsageError(`--config ${file} has no "severity" object ({"severity": {"CODE": "LEVEL"}}).`);
  }
  const result: Record<string, SeverityOverride> = {};
  for (const [code, level] of Object.entries(map)) {
    const [, parsed] = parseSeverity(`${code}=${String(level)}`);
    result[code] = parsed;
  }
  return result;
}

function parseFormat(value: string | undefined): Format {
  if (value === 'text' || value === 'json') {
    return value;
  }
  throw new UsageError(`--format takes text or json, not ${value ?? 'nothing'}.`);
}

/**
 * Every *.xml below a folder, sorted so that the output is stable. A subfolder that cannot be
 * listed is reported and the rest of the folder still searched. Entries that are not plain files
 * (a link, a FIFO) are listed too: reading them says what is wrong with them, if anything.
 */
function collectXmlFiles(folder: string, unreadable: (target: string, reason: string) => void): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    unreadable(folder, errorReason(e));
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      files.push(...collectXmlFiles(full, unreadable));
    } else if (entry.name.toLowerCase().endsWith('.xml')) {
      files.push(full);
    }
  }
  return files;
}

function expandTargets(targets: readonly string[], unreadable: (target: string, reason: string) => void): string[] {
  const files: string[] = [];
  for (const target of targets) {
    let isDirectory: boolean;
    try {
      isDirectory = fs.statSync(target).isDirectory();
    } catch (e) {
      unreadable(target, errorReason(e));
      continue;
    }
    files.push(...(isDirectory ? collectXmlFiles(target, unreadable) : [target]));
  }
  return files;
}

/** Why a file system call failed, in words (the system's message for the rarer errors). */
function errorReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (e as Error).message;
  }
}

/** Reads a file as text, or says why it is not one. */
function readText(file: string): { text: string } | { reason: string } {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      // A FIFO or a device (/dev/zero) would be read forever.
      return { reason: 'it is not a regular file' };
    }
    const size = stat.size;
    if (size > MAX_FILE_BYTES) {
      return { reason: `it is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit` };
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { reason: errorReason(e) };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes) };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { reason: 'it is a binary file, not XML text' };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

function checkFile(file: string, text: string, settings: TaskSequenceSettings): FileReport {
  const service = getLanguageService();
  const document = TextDocument.create(pathToUri(file), 'xml', 1, text);
  const parsed = service.parse(document);
  return {
    path: file,
    schemaVersion: parsed.sequence?.version ?? null,
    // Every problem (no cap, unlike the editor's): the summary and the exit code count them all.
    diagnostics: service.doValidation(document, parsed, settings, -1),
  };
}

function pathToUri(file: string): string {
  return 'file://' + path.resolve(file).split(path.sep).map(encodeURIComponent).join('/');
}

function severityName(diagnostic: Diagnostic): string {
  return SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error];
}

function formatText(reports: readonly FileReport[], summary: Summary): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const { line, character } = d.range.start;
      lines.push(`${report.path}:${line + 1}:${character + 1}: ${severityName(d)} ${String(d.code)} ${d.message}`);
    }
  }
  lines.push(`${summary.files} file(s) checked: ${summary.errors} error(s), ${summary.warnings} warning(s).`);
  return lines.join('\n');
}

function formatJson(reports: readonly FileReport[], summary: Summary): string {
  return JSON.stringify(
    {
      files: reports.map((r) => ({
        path: r.path,
        schemaVersion: r.schemaVersion,
        diagnostics: r.diagnostics.map((d) => ({
          severity: severityName(d),
          code: d.code,
          message: d.message,
          range: d.range,
        })),
      })),
      summary,
    },
    null,
    2,
  );
}

interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

function summarize(reports: readonly FileReport[]): Summary {
  const all = reports.flatMap((r) => r.diagnostics);
  return {
    files: reports.length,
    errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
  };
}

export function main(args: readonly string[]): number {
  let options: Options;
  try {
    options = parseArguments(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tasksequence-lint: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let failedToRead = false;
  const unreadable = (target: string, reason: string): void => {
    failedToRead = true;
    process.stderr.write(`tasksequence-lint: cannot check ${target}: ${reason}\n`);
  };
  const settings: TaskSequenceSettings = { ...DEFAULT_SETTINGS, severity: options.severity };
  const reports: FileReport[] = [];
  for (const file of expandTargets(options.targets, unreadable)) {
    const read = readText(file);
    if ('reason' in read) {
      unreadable(file, read.reason);
    } else {
      reports.push(checkFile(file, read.text, settings));
    }
  }
  const summary = summarize(reports);
  process.stdout.write((options.format === 'json' ? formatJson(reports, summary) : formatText(reports, summary)) + '\n');
  if (failedToRead) {
    return 2;
  }
  return summary.errors > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
