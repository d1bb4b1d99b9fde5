// Realistic synthetic task sequences of a chosen size for the benchmark and the fuzzer: nested
// groups, steps of every type the catalog knows (with plausible defaultVarLists), conditions of
// every kind (variable, WMI, file, folder, registry, software, osConditionGroup) under nested
// and / or / not operators, as the ConfigMgr console exports them. Seeded, so reproducible.

import { Prng } from '../fuzz/prng';

/** The part of the catalog's StepTypeInfo the generator reads (so it also runs without a catalog). */
export interface GeneratorStepType {
  readonly className: string;
  readonly element: 'step' | 'subtasksequence';
  readonly displayName?: string;
  readonly defaultRunIn?: string;
  readonly actionXmlForm?: string;
  readonly actionTemplate?: string;
  readonly properties: readonly GeneratorProperty[];
}

export interface GeneratorProperty {
  readonly property: string;
  readonly variable?: string;
  readonly type: string;
  readonly values?: readonly string[];
  readonly range?: readonly [number, number];
  readonly default?: string;
  readonly hidden?: boolean;
  readonly secret?: boolean;
  readonly arrayItems?: readonly GeneratorProperty[];
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Step types to draw from; a small built-in set when omitted. */
  readonly stepTypes?: readonly GeneratorStepType[];
}

/** Stand-in step types for callers that have no catalog (tests of the parser alone). */
export const BUILT_IN_STEP_TYPES: readonly GeneratorStepType[] = [
  {
    className: 'SMS_TaskSequence_RunCommandLineAction',
    element: 'step',
    defaultRunIn: 'WinPEandFullOS',
    actionXmlForm: 'smsswd.exe /run: <CommandLine>',
    properties: [
      { property: 'CommandLine', variable: 'CommandLine', type: 'string' },
      { property: 'SMSTSDisableWow64Redirection', variable: 'SMSTSDisableWow64Redirection', type: 'boolean' },
      { property: 'PackageID', variable: 'PackageID', type: 'packageId' },
      { property: 'RunAsUser', variable: 'SMSTSRunCommandLineAsUser', type: 'boolean' },
      { property: 'SuccessCodes', variable: 'SuccessCodes', type: 'string' },
      { property: 'WorkingDirectory', variable: 'WorkingDirectory', type: 'string' },
    ],
  },
  {
    className: 'SMS_TaskSequence_SetVariableAction',
    element: 'step',
    defaultRunIn: 'WinPEandFullOS',
    actionXmlForm: 'tsenv.exe "<VariableName>=<VariableValue>"',
    properties: [
      { property: 'VariableName', variable: 'VariableName', type: 'string' },
      { property: 'VariableValue', variable: 'VariableValue', type: 'string' },
    ],
  },
  {
    className: 'SMS_TaskSequence_RebootAction',
    element: 'step',
    defaultRunIn: 'WinPEandFullOS',
    actionXmlForm: 'smsboot.exe /target:WinPE',
    properties: [
      { property: 'Message', variable: 'SMSRebootMessage', type: 'string' },
      { property: 'MessageTimeout', variable: 'SMSRebootTimeout', type: 'uint', range: [0, 3600] },
      { property: 'Target', variable: 'SMSRebootTarget', type: 'enum', values: ['', 'WinPE', 'HD'] },
    ],
  },
  {
    className: 'SMS_TaskSequence_PartitionDiskAction',
    element: 'step',
    defaultRunIn: 'WinPE',
    actionXmlForm: 'osddiskpart.exe',
    properties: [
      { property: 'DiskIndex', variable: 'OSDDiskIndex', type: 'uint', range: [0, 3] },
      { property: 'DiskType', variable: 'OSDDiskType', type: 'enum', values: ['Mbr', 'Gpt'] },
      { property: 'PartitionStyle', variable: 'OSDPartitionStyle', type: 'enum', values: ['MBR', 'GPT'] },
    ],
  },
  {
    className: 'SMS_TaskSequence_SubTasksequence',
    element: 'subtasksequence',
    actionXmlForm: 'SubTasksequence.exe',
    properties: [
      { property: 'TsPackageID', variable: 'OSDSubTasksequencePackageID', type: 'packageId' },
      { property: 'TsName', variable: 'OSDSubTasksequenceName', type: 'string' },
    ],
  },
];

const WORDS = [
  'Install', 'Configure', 'Apply', 'Windows', 'Drivers', 'Office', 'Client', 'Setup', 'Capture', 'Restore',
  'State', 'Network', 'BitLocker', 'Partition', 'Disk', 'Updates', 'Language', 'Pack', 'Firmware', 'BIOS',
  'UEFI', 'Settings', 'Agent', 'Runtime', 'Visual', 'C++', 'Redistributable', 'Teams', 'Edge', 'Citrix',
];
const MODELS = ['Latitude 7420', 'EliteBook 840 G8', 'ThinkPad T14', 'Surface Pro 8', 'OptiPlex 7090', 'HP Z2 G5'];
const VARIABLES = ['_SMSTSInWinPE', 'OSDComputerName', 'IsUEFI', 'IsLaptop', 'DeploymentType', '_SMSTSMake', '_SMSTSModel', 'OSDBuild', 'SMSTSPreferredAdvertID'];
const OPERATORS = ['exists', 'notExists', 'equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual', 'like'];
const COMPARE = ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual'];
const REG_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_MULTI_SZ', 'REG_QWORD'];

const OS_GROUPS = [
  { name: 'All x64 Windows 10 and higher Clients', arch: 'x64', minVer: '10.00.0000.0', maxVer: '10.99.99999.9999' },
  { name: 'All x64 Windows 11 and higher Clients', arch: 'x64', minVer: '10.00.22000.0', maxVer: '10.99.99999.9999' },
  { name: 'All x64 Windows Server 2019 and higher', arch: 'x64', minVer: '10.00.17763.0', maxVer: '10.99.99999.9998' },
  { name: 'All x86 Windows 7 Client', arch: 'X86', minVer: '6.10.0000.0', maxVer: '6.10.9999.9999' },
];

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

class Writer {
  readonly parts: string[] = [];
  length = 0;

  line(indent: number, text: string): void {
    const s = '  '.repeat(indent) + text + '\n';
    this.parts.push(s);
    this.length += s.length;
  }
}

class Generator {
  private readonly rng: Prng;
  private readonly types: readonly GeneratorStepType[];
  private typeIndex = 0;
  private packageCounter = 0x100;
  private readonly packages: string[] = [];

  constructor(seed: number, types: readonly GeneratorStepType[]) {
    this.rng = new Prng(seed);
    this.types = types.length ? types : BUILT_IN_STEP_TYPES;
  }

  private words(min: number, max: number): string {
    const n = this.rng.range(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      out.push(this.rng.pick(WORDS));
    }
    return out.join(' ');
  }

  private packageId(): string {
    if (this.packages.length > 8 && this.rng.chance(0.7)) {
      return this.rng.pick(this.packages);
    }
    const id = `PS1${(this.packageCounter++).toString(16).toUpperCase().padStart(5, '0')}`;
    this.packages.push(id);
    return id;
  }

  private guid(): string {
    const hex = (n: number): string => {
      let s = '';
      for (let i = 0; i < n; i++) {
        s += '0123456789ABCDEF'[this.rng.int(16)];
      }
      return s;
    };
    return `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  }

  private value(p: GeneratorProperty): string {
    if (p.values?.length && this.rng.chance(0.9)) {
      return this.rng.pick(p.values);
    }
    switch (p.type) {
      case 'boolean':
        return this.rng.chance(0.5) ? 'true' : 'false';
      case 'uint': {
        const [lo, hi] = p.range ?? [0, 120];
        return String(this.rng.range(lo, Math.min(hi, lo + 10_000)));
      }
      case 'packageId':
        return this.packageId();
      case 'guid':
        return this.guid();
      case 'version':
        return `10.0.${this.rng.range(17763, 22631)}.${this.rng.range(0, 3000)}`;
      case 'unc':
        return `\\\\cm01.corp.contoso.com\\Source$\\${this.rng.pick(WORDS)}`;
      case 'xml-string':
        return '<Rules><Rule><Variables><Variable Name="OSDBuild">22H2</Variable></Variables></Rule></Rules>';
      default:
        if (p.default !== undefined && this.rng.chance(0.3)) {
          return p.default;
        }
        return this.rng.chance(0.3) ? `%${this.rng.pick(VARIABLES)}%\\${this.words(1, 2)}` : this.words(1, 4);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Conditions

  private expression(w: Writer, indent: number, kind: number): void {
    const vars: [string, string][] = [];
    let type: string;
    const extra = kind === 1 && this.rng.chance(0.3) ? ' ignoreQueryFailure="true"' : '';
    switch (kind) {
      case 0: {
        type = 'SMS_TaskSequence_VariableConditionExpression';
        const op = this.rng.pick(OPERATORS);
        vars.push(['Operator', op]);
        if (op !== 'exists' && op !== 'notExists') {
          vars.push(['Value', this.rng.pick(['true', 'false', '1', 'UEFI', 'NEWCOMPUTER', this.rng.pick(MODELS)])]);
        }
        vars.push(['Variable', this.rng.pick(VARIABLES)]);
        break;
      }
      case 1:
        type = 'SMS_TaskSequence_WMIConditionExpression';
        vars.push(['Namespace', 'root\\cimv2']);
        vars.push(['Query', `SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%${this.rng.pick(MODELS)}%' AND TotalPhysicalMemory > ${this.rng.range(2, 32)}000000000`]);
        break;
      case 2:
        type = 'SMS_TaskSequence_FileConditionExpression';
        vars.push(['Path', `%windir%\\System32\\${this.rng.pick(['notepad.exe', 'ntoskrnl.exe', 'drivers\\iaStorAC.sys'])}`]);
        if (this.rng.chance(0.5)) {
          vars.push(['Version', `10.0.${this.rng.range(17763, 22631)}.1`], ['VersionOperator', this.rng.pick(COMPARE)]);
        }
        if (this.rng.chance(0.3)) {
          vars.push(['DateTime', '20230101000000.000000+000'], ['DateTimeOperator', this.rng.pick(COMPARE)]);
        }
        break;
      case 3:
        type = 'SMS_TaskSequence_FolderConditionExpression';
        vars.push(['Path', `%ProgramFiles%\\${this.rng.pick(WORDS)}`]);
        if (this.rng.chance(0.4)) {
          vars.push(['DateTime', '20240315120000.000000+000'], ['DateTimeOperator', this.rng.pick(COMPARE)]);
        }
        break;
      case 4: {
        type = 'SMS_TaskSequence_RegistryConditionExpression';
        const op = this.rng.pick(OPERATORS.slice(0, 8));
        vars.push(['KeyPath', `HKEY_LOCAL_MACHINE\\SOFTWARE\\${this.rng.pick(WORDS)}\\${this.rng.pick(WORDS)}`]);
        vars.push(['Operator', op]);
        vars.push(['Type', this.rng.pick(REG_TYPES)]);
        vars.push(['Value', this.rng.pick(['Version', 'InstallPath', 'Enabled'])]);
        if (op !== 'exists' && op !== 'notExists') {
          vars.push(['Data', String(this.rng.range(0, 100))]);
        }
        break;
      }
      default: {
        type = 'SMS_TaskSequence_SoftwareConditionExpression';
        const any = this.rng.chance(0.5);
        vars.push(['Operator', any ? 'AnyVersion' : 'ThisVersion']);
        vars.push(['ProductCode', this.guid()]);
        vars.push(['ProductName', `${this.words(1, 3)} ${this.rng.range(2016, 2024)}`]);
        vars.push(['UpgradeCode', this.guid()]);
        vars.push(['Version', `${this.rng.range(1, 16)}.0.${this.rng.range(1000, 9999)}`]);
        break;
      }
    }
    w.line(indent, `<expression type="${type}"${extra}>`);
    for (const [name, value] of vars) {
      w.line(indent + 1, `<variable name="${name}">${escapeText(value)}</variable>`);
    }
    w.line(indent, '</expression>');
  }

  private osConditionGroup(w: Writer, indent: number): void {
    w.line(indent, '<osConditionGroup type="or">');
    const n = this.rng.range(1, 3);
    for (let i = 0; i < n; i++) {
      const os = this.rng.pick(OS_GROUPS);
      w.line(indent + 1, `<osExpressionGroup type="and" name="${os.name}">`);
      w.line(indent + 2, `<platformKey arch="${os.arch}" type="Win_NT" minVer="${os.minVer}" maxVer="${os.maxVer}" />`);
      w.line(indent + 2, '<expression type="SMS_TaskSequence_WMIConditionExpression" ignoreQueryFailure="true">');
      w.line(indent + 3, '<variable name="Namespace">root\\cimv2</variable>');
      w.line(indent + 3, `<variable name="Query">SELECT * FROM Win32_OperatingSystem WHERE Version like '${os.minVer.slice(0, 4)}%' AND ProductType=1</variable>`);
      w.line(indent + 2, '</expression>');
      w.line(indent + 1, '</osExpressionGroup>');
    }
    w.line(indent, '</osConditionGroup>');
  }

  private operand(w: Writer, indent: number, depth: number): void {
    const r = this.rng.next();
    if (depth < 3 && r < 0.3) {
      w.line(indent, `<operator type="${this.rng.pick(['and', 'or', 'not'])}">`);
      const n = this.rng.range(1, 3);
      for (let i = 0; i < n; i++) {
        this.operand(w, indent + 1, depth + 1);
      }
      w.line(indent, '</operator>');
    } else if (r < 0.36) {
      this.osConditionGroup(w, indent);
    } else {
      this.expression(w, indent, this.rng.int(6));
    }
  }

  private condition(w: Writer, indent: number): void {
    w.line(indent, '<condition>');
    const n = this.rng.range(1, 2);
    for (let i = 0; i < n; i++) {
      this.operand(w, indent + 1, 0);
    }
    w.line(indent, '</condition>');
  }

  // -------------------------------------------------------------------------------------------
  // Steps and groups

  private common(name: string): string {
    const disable = this.rng.chance(0.05) ? ' disable="true"' : '';
    const coe = this.rng.chance(0.2) ? ' continueOnError="true"' : '';
    return `name="${escapeAttribute(name)}" description="${this.rng.chance(0.2) ? escapeAttribute(this.words(3, 8)) : ''}"${disable}${coe}`;
  }

  private step(w: Writer, indent: number): void {
    // Round-robin first, so that every type appears in every document that is large enough.
    const type = this.typeIndex < this.types.length ? this.types[this.typeIndex++] : this.rng.pick(this.types);
    const name = `${type.displayName ?? type.className.replace(/^(SMS_TaskSequence_|BDD_)/, '')} ${this.words(1, 2)}`;
    const runIn = type.defaultRunIn ? ` runIn="${type.defaultRunIn}"` : '';
    const tail = type.element === 'step' ? ' successCodeList="0 3010" retryCount="0" runFromNet="false"' : '';
    w.line(indent, `<${type.element} type="${type.className}" ${this.common(name)}${runIn}${tail}>`);
    if (this.rng.chance(0.4)) {
      this.condition(w, indent + 1);
    }
    const values = new Map<string, string>();
    const bindings: [GeneratorProperty, string, string][] = [];
    for (const p of type.properties) {
      if (p.arrayItems?.length) {
        for (let index = 0; index < this.rng.range(1, 2); index++) {
          for (const item of p.arrayItems) {
            bindings.push([item, `${p.variable ?? p.property}${index}${item.variable ?? item.property}`, `${p.property}${index}${item.property}`]);
          }
        }
      } else if (p.variable !== undefined && this.rng.chance(0.85)) {
        bindings.push([p, p.variable, p.property]);
      }
    }
    for (const [p] of bindings) {
      values.set(p.property, this.value(p));
    }
    const template = type.actionXmlForm ?? type.actionTemplate ?? `${type.className}.exe`;
    const action = template.replace(/<([A-Za-z]+)>|%(\d+)/g, (_whole, name: string | undefined) => (name ? values.get(name) ?? '' : ''));
    w.line(indent + 1, `<action>${escapeText(action)}</action>`);
    if (bindings.length) {
      w.line(indent + 1, '<defaultVarList>');
      for (const [p, variable, property] of bindings) {
        const hidden = p.hidden || p.secret ? ' hidden="true"' : '';
        w.line(indent + 2, `<variable name="${variable}" property="${property}"${hidden}>${escapeText(values.get(p.property) ?? '')}</variable>`);
      }
      w.line(indent + 1, '</defaultVarList>');
    }
    w.line(indent, `</${type.element}>`);
  }

  group(w: Writer, indent: number, depth: number, budget: number): void {
    w.line(indent, `<group ${this.common(this.words(2, 4))}>`);
    if (this.rng.chance(0.5)) {
      this.condition(w, indent + 1);
    }
    const stop = w.length + budget;
    const children = this.rng.range(3, 12);
    for (let i = 0; i < children && w.length < stop; i++) {
      if (depth < 5 && this.rng.chance(0.2)) {
        this.group(w, indent + 1, depth + 1, Math.max(1000, (stop - w.length) / 2));
      } else {
        this.step(w, indent + 1);
      }
    }
    w.line(indent, '</group>');
  }

  document(targetChars: number): string {
    const w = new Writer();
    w.line(0, '<sequence version="3.10">');
    const refs = new Writer();
    const body = new Writer();
    // Top-level groups until the target size is reached (the reference list is small).
    while (body.length + 600 < targetChars || body.length === 0) {
      this.group(body, 1, 0, Math.min(targetChars - body.length, 40_000));
    }
    refs.line(1, '<referenceList>');
    for (const id of this.packages.slice(0, 500)) {
      refs.line(2, `<reference package="${id}" program="*" />`);
    }
    refs.line(1, '</referenceList>');
    refs.line(1, '<globalVarList>');
    refs.line(2, '<variable name="OSDStateSMPRetryCount" property="SMPRetryCount">3</variable>');
    refs.line(2, '<variable name="OSDStateSMPRetryTime" property="SMPRetryTime">30</variable>');
    refs.line(1, '</globalVarList>');
    return w.parts.join('') + refs.parts.join('') + body.parts.join('') + '</sequence>\n';
  }
}

/** A task sequence of about `targetChars` characters (never much less; at most one group more). */
export function generateTaskSequence(targetChars: number, options: GenerateOptions = {}): string {
  return new Generator(options.seed ?? 1, options.stepTypes ?? BUILT_IN_STEP_TYPES).document(targetChars);
}
