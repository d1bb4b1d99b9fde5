// Facts the condition, variable and ordering checks need that the generated catalog does not (yet)
// carry as data. They are kept here, apart from the logic, so that they can move into the catalog
// without touching a check. Each list says where it comes from.

/**
 * Windows environment variables that are always defined where task sequence steps run (full OS and
 * Windows PE), plus the dynamic ones cmd.exe expands. A `%Name%` reference to one of them needs no
 * task sequence variable: what the engine does not expand, cmd.exe or the called program does.
 * Source: Windows "Recognized environment variables" and cmd.exe `set /?` (dynamic variables).
 */
export const WINDOWS_ENVIRONMENT_VARIABLES: readonly string[] = [
  'ALLUSERSPROFILE',
  'APPDATA',
  'CD',
  'CMDCMDLINE',
  'CMDEXTVERSION',
  'CommonProgramFiles',
  'CommonProgramFiles(x86)',
  'CommonProgramW6432',
  'COMPUTERNAME',
  'ComSpec',
  'DATE',
  'DriverData',
  'ERRORLEVEL',
  'HIGHESTNUMANODENUMBER',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'LOGONSERVER',
  'NUMBER_OF_PROCESSORS',
  'OS',
  'Path',
  'PATHEXT',
  'PROCESSOR_ARCHITECTURE',
  'PROCESSOR_ARCHITEW6432',
  'PROCESSOR_IDENTIFIER',
  'PROCESSOR_LEVEL',
  'PROCESSOR_REVISION',
  'ProgramData',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'ProgramW6432',
  'PROMPT',
  'PSModulePath',
  'PUBLIC',
  'RANDOM',
  'SESSIONNAME',
  'SystemDrive',
  'SystemRoot',
  'TEMP',
  'TIME',
  'TMP',
  'USERDNSDOMAIN',
  'USERDOMAIN',
  'USERDOMAIN_ROAMINGPROFILE',
  'USERNAME',
  'USERPROFILE',
  'windir',
];

/**
 * Task sequence variable naming rules (domain notes §4, SCCMdocs "using task sequence variables"):
 * letters, digits, `_` and `-`; 1–256 characters; a user-defined name starts with a letter; no spaces;
 * not case-sensitive. Names beginning with `_` are reserved for the engine.
 */
export const VARIABLE_NAME_RULES = {
  maxLength: 256,
  /** Every character of a name. */
  characters: /^[A-Za-z0-9_-]+$/,
  /** The first character of a name a task sequence or an admin defines. */
  userDefinedStart: /^[A-Za-z]/,
  /** Names with this prefix belong to the engine: a task sequence cannot set them. */
  reservedPrefix: '_',
} as const;

/** How a step property's value relates to a variable that the property's value names. */
export type VariableNameUse =
  /** The step sets the variable whose name is the value (Run Command Line's output variable). */
  | 'sets'
  /** The step sets `<value>01`, `<value>02`, … (Download Package Content's destination variable). */
  | 'setsIndexed';

export interface VariableNamingProperty {
  /** The step's `type`. */
  readonly stepType: string;
  /**
   * The WMI property (`property=`); for array items the item suffix, matched after
   * `<array><index>` (Partitions0VolumeLetterVariable).
   */
  readonly property: string;
  readonly arrayItem?: boolean;
  readonly use: VariableNameUse;
}

/**
 * Step properties whose value is the name of a variable the step writes. Source: the SDK/docs
 * descriptions of these properties (the catalog has them only as prose).
 */
export const VARIABLE_NAMING_PROPERTIES: readonly VariableNamingProperty[] = [
  { stepType: 'SMS_TaskSequence_RunCommandLineAction', property: 'OutputVariableName', use: 'sets' },
  { stepType: 'SMS_TaskSequence_RunPowerShellScriptAction', property: 'OutputVariableName', use: 'sets' },
  { stepType: 'SMS_TaskSequence_PartitionDiskAction', property: 'VolumeLetterVariable', arrayItem: true, use: 'sets' },
  { stepType: 'SMS_TaskSequence_DownloadPackageContentAction', property: 'DestinationVariable', use: 'setsIndexed' },
  { stepType: 'SMS_TaskSequence_VirtualHardDiskAction', property: 'VHDOutputVariable', use: 'sets' },
];

/** The Set Task Sequence Variable step and the property that names the variable it writes. */
export const SET_VARIABLE_STEP = { stepType: 'SMS_TaskSequence_SetVariableAction', property: 'VariableName' } as const;

/**
 * The Set Dynamic Variables step, the property holding its XML-escaped rules, and the element and
 * attribute of each variable a rule sets (`<Rules><Rule>…<Variables><Variable Name="X">`).
 */
export const SET_DYNAMIC_VARIABLES_STEP = {
  stepType: 'SMS_TaskSequence_SetDynamicVariablesAction',
  property: 'Rules',
  variableElement: 'Variable',
  nameAttribute: 'Name',
} as const;

/**
 * Condition properties whose value the engine expands `%Variable%` in (the File and Folder paths,
 * e.g. %windir%\notepad.exe). WMI queries are left out on purpose: `%` is WQL's LIKE wildcard.
 */
export const EXPANDED_CONDITION_PROPERTIES: readonly string[] = ['Path'];

/**
 * Misspellings of condition operator values that Microsoft's own pages use: the registry
 * condition's SDK page writes `nonExists` for `notExists`. Accepted by nobody for certain.
 */
export const OPERATOR_MISSPELLINGS: Readonly<Record<string, string>> = { nonExists: 'notExists' };

/**
 * Registry hives a Registry Setting condition's KeyPath can start with. `full`: what the console's
 * hive list writes; `abbreviations`: the short forms admins type by hand, which the console never
 * writes. Source: the console's condition dialog (HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, HKEY_USERS,
 * HKEY_CURRENT_CONFIG) and the Windows hive names.
 */
export const REGISTRY_HIVES: readonly { readonly full: string; readonly abbreviation: string; readonly console: boolean }[] = [
  { full: 'HKEY_LOCAL_MACHINE', abbreviation: 'HKLM', console: true },
  { full: 'HKEY_CURRENT_USER', abbreviation: 'HKCU', console: true },
  { full: 'HKEY_USERS', abbreviation: 'HKU', console: true },
  { full: 'HKEY_CURRENT_CONFIG', abbreviation: 'HKCC', console: true },
  { full: 'HKEY_CLASSES_ROOT', abbreviation: 'HKCR', console: false },
];

/** The condition property that holds a registry key path, a WMI namespace and a WMI query. */
export const CONDITION_PROPERTY_ROLES = {
  registryKeyPath: { kind: 'SMS_TaskSequence_RegistryConditionExpression', property: 'KeyPath' },
  wmiNamespace: { kind: 'SMS_TaskSequence_WMIConditionExpression', property: 'Namespace' },
  wmiQuery: { kind: 'SMS_TaskSequence_WMIConditionExpression', property: 'Query' },
  variableName: { kind: 'SMS_TaskSequence_VariableConditionExpression', property: 'Variable' },
} as const;

/**
 * The roles step types play in the ordering heuristics (domain notes §7 #23). Class names only;
 * everything else about these types comes from the catalog.
 */
export const STEP_ROLES = {
  /** Puts an operating system on the disk. */
  appliesOperatingSystem: [
    'SMS_TaskSequence_ApplyOperatingSystemAction',
    'SMS_TaskSequence_ApplyDataImageAction',
    'BDD_InstallOS',
    'SMS_TaskSequence_VirtualHardDiskAction',
  ],
  /** The ConfigMgr step that needs an applied image ("Setup Windows and ConfigMgr"). */
  setupWindows: 'SMS_TaskSequence_SetupWindowsAndSMSAction',
  /** The ConfigMgr "Apply Operating System Image" step Setup Windows and ConfigMgr follows. */
  applyOperatingSystemImage: 'SMS_TaskSequence_ApplyOperatingSystemAction',
  /** MDT's "Use Toolkit Package": the other MDT steps of a ConfigMgr sequence need it first. */
  useToolkitPackage: 'BDD_UsePackage',
  requestStateStore: 'SMS_TaskSequence_RequestStateStoreAction',
  releaseStateStore: 'SMS_TaskSequence_ReleaseStateStoreAction',
  usesStateStore: ['SMS_TaskSequence_CaptureUserStateAction', 'SMS_TaskSequence_RestoreUserStateAction'],
  /** Format and Partition Disk: afterwards the disk holds no operating system. */
  wipesDisk: 'SMS_TaskSequence_PartitionDiskAction',
  restartComputer: { stepType: 'SMS_TaskSequence_RebootAction', targetProperty: 'Target', installedOs: ['HD', ''], windowsPe: 'WinPE' },
  runTaskSequence: 'SMS_TaskSequence_SubTasksequence',
  /**
   * MDT's Gather (the step, or its script run from a command line): it turns CustomSettings.ini
   * into variables of any name, so a sequence using it may read variables nothing in it sets.
   */
  gather: { stepType: 'BDD_Gather', script: /ztigather\.wsf/i },
} as const;
