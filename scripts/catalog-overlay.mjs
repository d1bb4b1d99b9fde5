// Corrections and additions to ../shared/reference/tasksequence-model.json, each one OBSERVED in
// the real corpus (/work/shared/corpus/real, every file of which ConfigMgr or MDT accepted).
// scripts/generate-catalog.mjs applies them; every entry names a file that shows it. Objects use
// the shapes of server/src/service/catalog/types.ts.
//
// Rule of thumb: a real, accepted file must not draw an error. So where the reference is stricter
// than what accepted files contain, the overlay relaxes it and says which file forced that.

const NEVER = { kind: 'never' };

/** An observed property: required never, confidence observed, as the corpus cannot show more. */
function observed(property, variable, type, extra = {}) {
  return { property, variable, type, required: NEVER, ...extra, confidence: 'observed' };
}

/** An observed property whose name only MDT writes (its scripts read it, not the ConfigMgr client). */
function mdtObserved(property, variable, type, extra = {}) {
  return observed(property, variable, type, { ...extra, flavor: 'mdt' });
}

// ---------------------------------------------------------------------------------------------
// Step types the reference lacks

export const STEP_TYPE_ADDITIONS = [
  {
    // mdt8456-template-vhdclient.xml: "Create VHD Disk" (MDT VHD client template).
    className: 'SMS_TaskSequence_VirtualHardDiskAction',
    element: 'step',
    displayName: 'Create VHD Disk',
    category: 'MDT',
    description: 'MDT: creates a virtual hard disk (ZTIVHDCreate.wsf) and stores its disk index in a variable, so that later steps can deploy into it.',
    flavor: 'mdt',
    defaultRunIn: 'WinPEandFullOS',
    allowedRunIn: ['WinPE', 'FullOS', 'WinPEandFullOS'],
    properties: [
      mdtObserved('VHDInputVariable', 'VHDInputVariable', 'string', { description: 'Variable naming the VHD file to create or attach (VHDTargetDisk in the template).' }),
      mdtObserved('VHDOutputVariable', 'VHDOutputVariable', 'string', { description: 'Variable that receives the disk index of the VHD (OSDDiskIndex in the template).' }),
      mdtObserved('VHDCreateFileName', 'VHDCreateFileName', 'string', { description: "File name of the VHD; the template writes 'Random'." }),
      mdtObserved('VHDCreateDiffVHD', 'VHDCreateDiffVHD', 'string', { description: 'Differencing disk to create, if any.' }),
      mdtObserved('VHDCreateSizePercent', 'VHDCreateSizePercent', 'uint', { description: 'Size as a percentage of free space (80 in the template).' }),
      mdtObserved('VHDCreateSizeMax', 'VHDCreateSizeMax', 'uint', { description: 'Maximum size in MB.' }),
      mdtObserved('VHDCreateType', 'VHDCreateType', 'string', { description: "VHD type; the template writes 'Dynamic'." }),
    ],
    confidence: 'observed',
    actionXmlForm: 'Cscript.exe "%SCRIPTROOT%\\ZTIVHDCreate.wsf"',
    mdtAction: { lti: 'Cscript.exe "%SCRIPTROOT%\\ZTIVHDCreate.wsf"' },
    mdtMode: 'lti',
  },
  {
    // mdt8443-template-clientupgrade-registry-cond.xml: "Upgrade Windows" (MDT client upgrade template).
    className: 'BDD_UpgradeOS',
    element: 'step',
    displayName: 'Upgrade Operating System (MDT)',
    category: 'MDT',
    description: 'MDT Lite Touch: in-place upgrade of the running OS with the selected MDT operating system (LTIApply.wsf in upgrade mode).',
    flavor: 'mdt',
    defaultRunIn: 'FullOS',
    allowedRunIn: ['FullOS'],
    properties: [
      mdtObserved('OSGUID', 'OSGUID', 'guid', { description: 'MDT operating system to upgrade to.' }),
      mdtObserved('IsOSUpgrade', 'IsOSUpgrade', 'string', { description: "'1' selects upgrade mode in LTIApply." }),
      mdtObserved('DynamicallyUpdateWinSetup', 'DynamicallyUpdateWinSetup', 'string', { description: "Whether Windows Setup downloads dynamic updates ('0' in the template)." }),
    ],
    confidence: 'observed',
    actionXmlForm: 'cscript.exe "%SCRIPTROOT%\\LTIApply.wsf"',
    mdtAction: { lti: 'cscript.exe "%SCRIPTROOT%\\LTIApply.wsf"' },
    mdtMode: 'lti',
  },
];

// ---------------------------------------------------------------------------------------------
// Step type corrections

export const STEP_TYPE_PATCHES = [
  {
    // erikpt-mdt-example-002-subtasksequence-ts.xml writes Run Task Sequence as <step type=…>.
    className: 'SMS_TaskSequence_SubTasksequence',
    set: { alternateElements: ['step'] },
  },
  {
    // runIn="WinPEandFullOS" on Format and Partition Disk in 16 MDT files, e.g.
    // mdt8456-template-client.xml, mdt2013-template-server.xml, psd-template-psdclient.xml.
    className: 'SMS_TaskSequence_PartitionDiskAction',
    addAllowedRunIn: ['WinPEandFullOS'],
  },
  {
    // runIn="WinPEandFullOS" on Apply Network Settings in ConfigMgr exports:
    // windows-admins-win10-1607-object-zipmember.xml, windows-admins-win10-master-deployment-object-zipmember.xml,
    // mdt8443-sccm-client-smstaskseqpackage-wrapped.xml, hydrationkit-ws2022-cm01-ts.xml.
    className: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
    addAllowedRunIn: ['WinPEandFullOS'],
  },
  {
    // runIn="WinPEandFullOS" on Install Updates Offline in a ConfigMgr export (forevanyeung-extracted-sequence.xml).
    className: 'BDD_InstallUpdatesOffline',
    addAllowedRunIn: ['WinPEandFullOS'],
  },
];

// ---------------------------------------------------------------------------------------------
// Property corrections

export const PROPERTY_REMOVALS = [
  {
    // A placeholder, not a property: prestart checks in cmhub-ipu-citrix-vda-windows10.xml show the
    // real names (CheckTpmActivated, CheckTpmEnabled), added below.
    className: 'SMS_TaskSequence_PrestartCheckAction',
    property: '(TPM 2.0 enabled/activated checks, 2111+)',
  },
];

export const PROPERTY_PATCHES = [
  // --- Names the reference has wrong or left open -------------------------------------------
  {
    // The reference lists property "BDDPackageID"; every BDD_UsePackage step binds
    // name="BDDPackageID" property="PackageID" (forevanyeung-extracted-sequence.xml and 6 more).
    className: 'BDD_UsePackage',
    property: 'BDDPackageID',
    set: { property: 'PackageID', hidden: true, description: 'The MDT toolkit package.' },
  },
  {
    // name="ConfigFilePackage" (mdt8443-sccm-client-smstaskseqpackage-wrapped.xml, windows-admins-win10-1607-object-zipmember.xml).
    className: 'SMS_TaskSequence_ApplyOperatingSystemAction',
    property: 'ConfigFilePackage',
    set: { variable: 'ConfigFilePackage' },
  },
  {
    // name="DestinationVariable" (mdt8443-sccm-client-smstaskseqpackage-wrapped.xml).
    className: 'SMS_TaskSequence_ApplyOperatingSystemAction',
    property: 'DestinationVariable',
    set: { variable: 'DestinationVariable' },
  },
  {
    // name="InstallPackageID" (windows-admins-win10-master-deployment-object-zipmember.xml).
    className: 'SMS_TaskSequence_ApplyOperatingSystemAction',
    property: 'InstallPackageID',
    set: { variable: 'InstallPackageID' },
  },
  {
    // name="OSDBitLockerDestinationVariable" (mdt8443-sccm-client-smstaskseqpackage-wrapped.xml).
    className: 'SMS_TaskSequence_OfflineEnableBitLockerAction',
    property: 'DestinationVariable',
    set: { variable: 'OSDBitLockerDestinationVariable' },
  },

  // --- MDT spellings of ConfigMgr properties -------------------------------------------------
  {
    // MDT Restart Computer binds name="Message"/"MessageTimeout"/"Target" (alvinchen1-mdt-winxpsp3-deploy-ts.xml and 19 more MDT files).
    className: 'SMS_TaskSequence_RebootAction',
    property: 'Message',
    addAlternateVariables: ['Message'],
  },
  {
    className: 'SMS_TaskSequence_RebootAction',
    property: 'MessageTimeout',
    addAlternateVariables: ['MessageTimeout'],
  },
  {
    className: 'SMS_TaskSequence_RebootAction',
    property: 'Target',
    addAlternateVariables: ['Target'],
  },
  {
    // MDT Run Command Line binds name="RunAsUser" (brianfgonzalez-mdt-deployment-duration-ts.xml and 13 more).
    className: 'SMS_TaskSequence_RunCommandLineAction',
    property: 'RunAsUser',
    addAlternateVariables: ['RunAsUser'],
  },

  // --- Array items the reference only names in prose -----------------------------------------
  {
    // OSDPackage0Name|PackageInfo0Name, …PackageId, …PkgType, …Size (drfiles-windows10-upgrade-object-zipmember.xml,
    // forevanyeung-extracted-sequence.xml).
    className: 'SMS_TaskSequence_DownloadPackageContentAction',
    property: 'PackageInfo',
    set: {
      arrayItems: [
        observed('Name', 'Name', 'string', { description: 'Package name.' }),
        observed('PackageId', 'PackageId', 'packageId'),
        observed('PkgType', 'PkgType', 'uint', { description: 'Package type number (0 package, 3 driver package seen).' }),
        observed('Size', 'Size', 'uint', { description: 'Content size in KB.' }),
      ],
    },
  },
  {
    // OSDApp0Name|AppInfo0Name, …DisplayName, …Description (cmhub-selfhost-child-ts-entity-escaped.xml,
    // windows-admins-build-capture-reference-leading-comments.xml, drfiles-windows10-upgrade-object-zipmember.xml).
    className: 'SMS_TaskSequence_InstallApplicationAction',
    property: 'AppInfo',
    set: {
      type: 'array',
      confidence: 'observed',
      arrayItems: [
        observed('Name', 'Name', 'string', { description: 'Application model name (ScopeId_…/Application_…).' }),
        observed('DisplayName', 'DisplayName', 'string'),
        observed('Description', 'Description', 'string', { description: "The console writes 'Valid'." }),
      ],
    },
  },

  // --- Enum spellings real files use --------------------------------------------------------
  {
    // DiskType "Basic" (windows-admins-build-capture-reference-leading-comments.xml).
    className: 'SMS_TaskSequence_PartitionDiskAction',
    property: 'DiskType',
    addValues: ['Basic'],
    addNonCanonicalValues: ['Basic'],
  },
  {
    className: 'SMS_TaskSequence_PartitionDiskAction',
    property: 'Partitions',
    arrayItemPatches: [
      // Partitions<n>Type "PRIMARY" (mdt8443-sccm-client-smstaskseqpackage-wrapped.xml, windows-admins-win10-1607-object-zipmember.xml)
      // and "RECOVERY" (forevanyeung-extracted-sequence.xml).
      { property: 'Type', addValues: ['PRIMARY', 'RECOVERY'], addNonCanonicalValues: ['PRIMARY', 'RECOVERY'] },
      // Partitions<n>SizeUnits "PERCENT" (forevanyeung-extracted-sequence.xml) and "%" (mdt8456-template-client.xml,
      // alvinchen1-mdt-winxpsp3-deploy-ts.xml).
      { property: 'SizeUnits', addValues: ['PERCENT', '%'], addNonCanonicalValues: ['PERCENT', '%'] },
    ],
  },

  // --- Requirements real, accepted files break ---------------------------------------------
  // Secrets: ExportXml blanks them, so exports never carry them.
  {
    // ConnectNetworkFolder Password empty in cmhub-firstparty-win10-upgrade-compat-checks.xml, forevanyeung-extracted-sequence.xml.
    className: 'SMS_TaskSequence_ConnectNetworkFolderAction',
    property: 'Password',
    relaxTo: NEVER,
    note: 'Exports blank it (secret), so its absence is normal in an exported file',
  },
  {
    // DomainPassword absent with Type=0 in forevanyeung-extracted-sequence.xml, windows-admins-win10-1607-object-zipmember.xml.
    className: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    property: 'DomainPassword',
    relaxTo: NEVER,
    note: 'Exports blank it (secret), so its absence is normal in an exported file',
  },
  {
    // AdminPassword absent with RandomAdminPassword=false in garytown-osdcloud-object-zipmember.xml,
    // mdt8443-sccm-client-smstaskseqpackage-wrapped.xml, windows-admins-build-capture-reference-leading-comments.xml.
    className: 'SMS_TaskSequence_ApplyWindowsSettingsAction',
    property: 'AdminPassword',
    relaxTo: NEVER,
    note: 'Exports blank it (secret), so its absence is normal in an exported file',
  },
  // Properties ConfigMgr exports leave empty.
  {
    // Join Domain with Type=0 and empty DomainName/DomainUsername (windows-admins-win10-1607-object-zipmember.xml).
    className: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    property: 'DomainName',
    relaxTo: NEVER,
    note: 'A real export has Type=0 with an empty domain name (the value may come from a variable at run time)',
  },
  {
    className: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    property: 'DomainUsername',
    relaxTo: NEVER,
    note: 'A real export has Type=0 with an empty account',
  },
  {
    // Type=1 with an empty WorkgroupName (windows-admins-win10-master-deployment-object-zipmember.xml).
    className: 'SMS_TaskSequence_JoinDomainWorkgroupAction',
    property: 'WorkgroupName',
    relaxTo: NEVER,
    note: 'A real export has Type=1 with an empty workgroup name',
  },
  {
    // Four Install Application steps with an empty ApplicationName, no BaseVariableName and NumApps=0
    // (windows-admins-win10-master-deployment-object-zipmember.xml): the console exported them.
    className: 'SMS_TaskSequence_InstallApplicationAction',
    property: 'ApplicationName',
    relaxTo: NEVER,
    note: 'Real exports contain steps whose application list is empty (NumApps 0)',
  },
  {
    className: 'SMS_TaskSequence_InstallApplicationAction',
    property: 'BaseVariableName',
    relaxTo: NEVER,
    note: 'Real exports contain steps whose application list is empty (NumApps 0)',
  },
  {
    // ImageVersion empty (forevanyeung-extracted-sequence.xml, mdt8443-sccm-client-smstaskseqpackage-wrapped.xml).
    className: 'SMS_TaskSequence_CaptureSystemImageAction',
    property: 'ImageVersion',
    relaxTo: NEVER,
    note: 'Real exports leave it empty',
  },
  {
    // UseCache absent (drfiles-windows10-upgrade-object-zipmember.xml, mdt8443-sccm-client-smstaskseqpackage-wrapped.xml,
    // windows-admins-build-capture-reference-leading-comments.xml): older consoles did not write it.
    className: 'SMS_TaskSequence_InstallUpdateAction',
    property: 'UseCache',
    relaxTo: NEVER,
    note: 'Older exports do not write it',
  },
  {
    // SuccessCodes absent on five Run PowerShell Script steps (windows-admins-win10-master-deployment-object-zipmember.xml).
    className: 'SMS_TaskSequence_RunPowerShellScriptAction',
    property: 'SuccessCodes',
    relaxTo: NEVER,
    note: 'Older exports do not write it; @successCodeList still carries the codes',
  },
  {
    // VariableValue empty (mdt8456-template-vhdclient.xml, "Clear DoNotFormatAndPartition"): an empty value
    // deletes the variable, which the docs describe as intended use.
    className: 'SMS_TaskSequence_SetVariableAction',
    property: 'VariableValue',
    relaxTo: NEVER,
  },
  // MDT spells these differently or keeps them in <action>; ConfigMgr documents still need them.
  {
    // No defaultVarList on typed MDT Run Command Line steps, the command is in <action>
    // (mdt8456-template-client.xml, alvinchen1-mdt-winxpsp3-deploy-ts.xml and 19 more MDT files).
    className: 'SMS_TaskSequence_RunCommandLineAction',
    property: 'CommandLine',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    className: 'SMS_TaskSequence_RunCommandLineAction',
    property: 'DisableWow64Redirection',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    className: 'SMS_TaskSequence_RunCommandLineAction',
    property: 'SuccessCodes',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    // Target="" on MDT Restart Computer steps (57 steps, e.g. mdt8456-template-client.xml, alvinchen1-mdt-winxpsp3-deploy-ts.xml).
    className: 'SMS_TaskSequence_RebootAction',
    property: 'Target',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    // MDT Apply Network Settings writes only the adapter count (alvinchen1-mdt-winxpsp3-deploy-ts.xml,
    // hydrationkit-ws2019-dc01-adds-dhcp-ts.xml, hydrationkit-ws2022-cm01-ts.xml, mdt8443-template-staterestore.xml).
    className: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
    property: 'NetworkJoinType',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    className: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
    property: 'DomainName',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    className: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
    property: 'WorkgroupName',
    relaxTo: NEVER,
    keepInConfigMgr: true,
  },
  {
    // MDT's Enable BitLocker binds the same variables to Bde* properties (alvinchen1-mdt-winxpsp3-deploy-ts.xml
    // and 10 more MDT files), so their MDT twins satisfy the either/or rules.
    className: 'SMS_TaskSequence_EnableBitLockerAction',
    property: 'CreateRecoveryPassword',
    relaxTo: { kind: 'unlessSet', others: ['BdeRecoveryPassword'] },
  },
  {
    className: 'SMS_TaskSequence_EnableBitLockerAction',
    property: 'TargetDrive',
    relaxTo: { kind: 'unlessSet', others: ['Mode', 'BdeInstall', 'BdeTargetDriveLetter'] },
  },
  {
    // MDT's Run Task Sequence names the child by SubTaskSequenceID (erikpt-mdt-example-002-subtasksequence-ts.xml).
    className: 'SMS_TaskSequence_SubTasksequence',
    property: 'TsPackageID',
    relaxTo: { kind: 'unlessSet', others: ['SubTaskSequenceID'] },
  },
];

// ---------------------------------------------------------------------------------------------
// Properties the reference lacks, per step type. Arrays (Partitions, PackageInfo, AppInfo,
// Adapters) are not listed item by item: their items are described once in `arrayItems`.

export const PROPERTY_ADDITIONS = [
  {
    // forevanyeung-extracted-sequence.xml (ConfigMgr with MDT integration).
    className: 'BDD_ExecuteRunbook',
    properties: [observed('RunbookParameters', 'RunbookParameters', 'string', { description: "Runbook parameter values ('0' when none)." })],
  },
  {
    className: 'SMS_TaskSequence_EnableBitLockerAction',
    properties: [
      // garytown-osdcloud-object-zipmember.xml (ConfigMgr export).
      observed('EncryptMethod', 'OSDBitLockerEncryptMethod', 'uint', { hidden: true, description: "Encryption algorithm number ('7' seen; XTS-AES 256 in BitLocker's numbering)." }),
      observed('SkipWhenNoValidTPM', 'OSDBitLockerSkipWhenNoValidTPM', 'boolean', { hidden: true, description: 'Skip the step when there is no usable TPM.' }),
      // MDT names (alvinchen1-mdt-winxpsp3-deploy-ts.xml and 10 more MDT files).
      mdtObserved('BdeInstall', 'OSDBitLockerMode', 'string', { description: "MDT's Mode: TPM, Key, TPMAndKey or TPMAndPIN." }),
      mdtObserved('BdeKeyLocation', 'OSDBitLockerStartupKeyDrive', 'string', { description: "MDT's StartupKeyDrive." }),
      mdtObserved('BdeRecoveryPassword', 'OSDBitLockerCreateRecoveryPassword', 'string', { description: "MDT's CreateRecoveryPassword (AD seen)." }),
      mdtObserved('BdeTargetDriveLetter', 'OSDBitLockerTargetDrive', 'string', { description: "MDT's TargetDrive; empty = OS drive." }),
    ],
  },
  {
    className: 'SMS_TaskSequence_PartitionDiskAction',
    properties: [
      // mdt8456-template-client.xml and 14 more MDT files (always empty).
      mdtObserved('DONotCreateExtraPartition', 'DONotCreateExtraPartition', 'string', { description: 'MDT: do not create the extra BitLocker partition.' }),
      // lipkegu-mdt2013-custom-client-software-os-cond.xml, mdt8456-template-vhdclient.xml.
      mdtObserved('OSDDiskPartDoNotRemoveOEMPartitions', 'OSDDiskPartDoNotRemoveOEMPartitions', 'string', { description: 'MDT: keep OEM partitions when repartitioning.' }),
      // communitytechaid-mdt-windows11-ts.xml and 12 more MDT files ('Recovery').
      mdtObserved('OSDDiskPartitions1Type', 'OSDDiskPartitions1Type', 'string', { description: "MDT: type of the second partition ('Recovery' seen)." }),
    ],
  },
  {
    // cmhub-ipu-citrix-vda-windows10.xml: the 2111 TPM checks the reference could not name.
    className: 'SMS_TaskSequence_PrestartCheckAction',
    properties: [
      observed('CheckTpmActivated', 'OSDCheckDeviceTpmActivated', 'boolean', { description: 'Check that TPM 2.0 or later is activated (2111+); result in _TS_CRTPMACTIVATED.' }),
      observed('CheckTpmEnabled', 'OSDCheckDeviceTpmEnabled', 'boolean', { description: 'Check that TPM 2.0 or later is enabled (2111+); result in _TS_CRTPMENABLED.' }),
    ],
  },
  {
    className: 'SMS_TaskSequence_RunCommandLineAction',
    properties: [
      // brianfgonzalez-mdt-deployment-duration-ts.xml and 13 more MDT files.
      mdtObserved('LoadProfile', 'LoadProfile', 'boolean', { description: "MDT: load the run-as account's user profile." }),
      mdtObserved('SMSTSRunCommandLineUserName', 'SMSTSRunCommandLineUserName', 'string', { description: "MDT's UserName." }),
      mdtObserved('SMSTSRunCommandLineUserPassword', 'SMSTSRunCommandLineUserPassword', 'string', { secret: true, description: "MDT's UserPassword." }),
    ],
  },
  {
    // erikpt-mdt-example-002-subtasksequence-ts.xml: MDT's Run Task Sequence as a <step>.
    className: 'SMS_TaskSequence_SubTasksequence',
    properties: [
      mdtObserved('SubTaskSequenceGUID', 'SubTaskSequenceGUID', 'guid', { description: 'MDT: GUID of the child task sequence.' }),
      mdtObserved('SubTaskSequenceID', 'SubTaskSequenceID', 'string', { description: 'MDT: ID of the child task sequence.' }),
    ],
  },
  {
    // cmhub-ipu-citrix-vda-windows10.xml (ConfigMgr export, both empty).
    className: 'SMS_TaskSequence_UpgradeOperatingSystemAction',
    properties: [
      observed('FeatureUpdateAssignmentId', 'OSDFeatureUpdateAssignmentID', 'string', { description: 'Feature update deployment used as the upgrade source.' }),
      observed('FeatureUpdateName', 'OSDUpgradeFeatureUpdateName', 'string', { description: 'Name of that feature update.' }),
    ],
  },
];

// MDT steps without a `type` attribute (generic command lines), e.g. brianfgonzalez-mdt-deployment-duration-ts.xml.
export const MDT_UNTYPED_STEP_PROPERTIES = [
  mdtObserved('RunAsUser', 'RunAsUser', 'boolean', { description: 'Run the command as SMSTSRunCommandLineUserName.' }),
  mdtObserved('SMSTSRunCommandLineUserName', 'SMSTSRunCommandLineUserName', 'string', { description: 'Account to run the command as.' }),
  mdtObserved('SMSTSRunCommandLineUserPassword', 'SMSTSRunCommandLineUserPassword', 'string', {
    secret: true,
    description: 'Password of SMSTSRunCommandLineUserName.',
  }),
  mdtObserved('LoadProfile', 'LoadProfile', 'boolean', { description: "Load the run-as account's user profile." }),
];

// ---------------------------------------------------------------------------------------------
// Conditions

export const EXPRESSION_KIND_ADDITIONS = [
  {
    // lipkegu-mdt2013-custom-client-software-os-cond.xml: 48 expressions, always these three properties.
    className: 'SMS_TaskSequence_OSConditionExpression',
    editorName: 'Operating System Version (MDT)',
    description: "MDT's OS version condition: compares the running OS's architecture and version. The MDT editor writes all three properties.",
    properties: [
      { name: 'Architecture', type: 'string', required: NEVER, description: 'X86 or X64 as seen.', example: 'X64' },
      { name: 'Version', type: 'string', required: NEVER, description: 'OS version as major.minor.build.revision.', example: '6.10.7601.1' },
      {
        name: 'Operator',
        type: 'enum',
        required: NEVER,
        // Only equals and greaterEqual are seen; the rest of the comparison set is inferred.
        values: ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual'],
        description: 'Comparison of the running OS version with Version (equals and greaterEqual seen; the others inferred).',
      },
    ],
    flavor: 'mdt',
    confidence: 'observed',
  },
];

export const EXPRESSION_PROPERTY_PATCHES = [
  {
    // Operator "Equals" in 7 MDT files (brianfgonzalez-mdt-deployment-duration-ts.xml, folinics-mdt-w11-22h2-mui-ts.xml,
    // erikpt-mdt-example-002-subtasksequence-ts.xml …).
    className: 'SMS_TaskSequence_VariableConditionExpression',
    name: 'Operator',
    addValues: ['Equals'],
    addNonCanonicalValues: ['Equals'],
  },
];

// ---------------------------------------------------------------------------------------------
// Elements

export const ELEMENT_ADDITIONS = [
  {
    // cmhub-enable-bitlocker-os-drive-osconditiongroup.xml: one per osExpressionGroup, before its expressions.
    name: 'platformKey',
    description: 'The platform an osExpressionGroup stands for (the Platform*Key properties of SMS_TaskSequence_OSExpressionGroup).',
    parents: ['osExpressionGroup'],
    children: [],
    attributes: [
      { name: 'arch', type: 'string', required: false, description: 'Platform architecture (x64 and X86 seen)', confidence: 'observed' },
      { name: 'type', type: 'string', required: false, description: 'Platform type (Win_NT seen)', confidence: 'observed' },
      { name: 'minVer', type: 'string', required: false, description: 'Lowest OS version of the platform, e.g. 10.00.0000.0', confidence: 'observed' },
      { name: 'maxVer', type: 'string', required: false, description: 'Highest OS version of the platform, e.g. 10.00.99999.9999', confidence: 'observed' },
    ],
    hasText: false,
    confidence: 'observed',
  },
];

export const ELEMENT_PATCHES = [
  {
    // cmhub-enable-bitlocker-os-drive-osconditiongroup.xml: <osExpressionGroup type="and" name=…><platformKey …/>.
    element: 'osExpressionGroup',
    addChildren: ['platformKey'],
    addAttributes: [
      { name: 'type', type: 'enum', required: false, values: ['and'], description: 'OperatorType; only "and" is seen', confidence: 'observed' },
    ],
  },
  {
    // cmhub-enable-bitlocker-os-drive-osconditiongroup.xml: WMI expressions inside OS version groups.
    element: 'expression',
    addAttributes: [
      {
        name: 'ignoreQueryFailure',
        type: 'boolean',
        required: false,
        values: ['true', 'false'],
        description: 'Treat a failing WMI query as false instead of failing the step (seen on OS version group expressions)',
        confidence: 'observed',
      },
    ],
  },
  {
    element: 'step',
    addAttributes: [
      {
        // hydrationkit-ws2019-dc01-adds-dhcp-ts.xml, hydrationkit-ws2022-cm01-ts.xml, mdt2013-template-server.xml.
        name: 'successCodes',
        type: 'string',
        required: false,
        pattern: '^-?\\d+( -?\\d+)*$',
        description: 'MDT spelling of successCodeList, seen next to it',
        confidence: 'observed',
      },
    ],
    attributePatches: [
      {
        // timeout="900"/"3600"/"2700" on 84 steps (e.g. windows-admins-win10-master-deployment-object-zipmember.xml):
        // the attribute exists, and 900 = the editor's 15-minute default, so the unit is seconds.
        name: 'timeout',
        set: {
          description: 'Step time-out in seconds (900 = the editor\'s default of 15 minutes). Maps to Timeout',
          confidence: 'observed',
        },
      },
      {
        // 406 MDT steps have no type (generic command lines), e.g. mdt8456-template-client.xml.
        name: 'type',
        set: {
          required: false,
          requiredFor: ['configmgr'],
          description: 'Class name of the action. Required in ConfigMgr; MDT allows a step without type (a generic command line)',
        },
      },
    ],
  },
  {
    // <sequence version="3.07"> (psd-template-psdrnd-version307.xml).
    element: 'sequence',
    attributePatches: [{ name: 'version', addValues: ['3.07'] }],
  },
];

// ---------------------------------------------------------------------------------------------
// Schema versions and variables

export const SCHEMA_VERSION_ADDITIONS = [
  {
    // psd-template-psdrnd-version307.xml (a FriendsOfMDT PSD template).
    value: '3.07',
    confidence: 'observed',
    description: 'Seen only in a PSD (PowerShell Deployment for MDT) template. MDT does not check the version; a ConfigMgr client expects 3.00 or 3.10.',
    flavor: 'mdt',
  },
];

export const VARIABLE_PATCHES = [
  // Same spelling as the DiskType property patch above (windows-admins-build-capture-reference-leading-comments.xml).
  { name: 'OSDDiskType', addValues: ['Basic'] },
];

/** A variable bound by a step property that real files show but the reference's list lacks. */
function stepVariable(name, className, description, extra = {}) {
  return { name, kind: 'stepInput', readOnly: false, description, appliesTo: [className], ...extra, confidence: 'observed', settable: true };
}

export const VARIABLE_ADDITIONS = [
  stepVariable('OSDBitLockerEncryptMethod', 'SMS_TaskSequence_EnableBitLockerAction', 'Enable BitLocker: encryption algorithm number (garytown-osdcloud-object-zipmember.xml).', { type: 'uint' }),
  stepVariable('OSDBitLockerSkipWhenNoValidTPM', 'SMS_TaskSequence_EnableBitLockerAction', 'Enable BitLocker: skip when there is no usable TPM.', { type: 'boolean', values: ['true', 'false'] }),
  stepVariable('OSDBitLockerDestinationVariable', 'SMS_TaskSequence_OfflineEnableBitLockerAction', 'Pre-provision BitLocker: variable naming the target drive (mdt8443-sccm-client-smstaskseqpackage-wrapped.xml).'),
  stepVariable('OSDCheckDeviceTpmActivated', 'SMS_TaskSequence_PrestartCheckAction', 'Check Readiness: check that TPM 2.0+ is activated (cmhub-ipu-citrix-vda-windows10.xml).', { type: 'boolean', values: ['true', 'false'], since: '2111' }),
  stepVariable('OSDCheckDeviceTpmEnabled', 'SMS_TaskSequence_PrestartCheckAction', 'Check Readiness: check that TPM 2.0+ is enabled.', { type: 'boolean', values: ['true', 'false'], since: '2111' }),
  stepVariable('OSDFeatureUpdateAssignmentID', 'SMS_TaskSequence_UpgradeOperatingSystemAction', 'Upgrade Operating System: feature update deployment used as the source (cmhub-ipu-citrix-vda-windows10.xml).'),
  stepVariable('OSDUpgradeFeatureUpdateName', 'SMS_TaskSequence_UpgradeOperatingSystemAction', 'Upgrade Operating System: name of that feature update.'),
  // MDT globals written to <globalVarList> (mdt8456-template-client.xml and 15 more; the last two in
  // mdt8443-template-clientupgrade-registry-cond.xml).
  ...[
    ['DestinationDisk', 'MDT: disk number the OS is installed to.'],
    ['DestinationPartition', 'MDT: partition number the OS is installed to.'],
    ['DestinationOSDriveLetter', 'MDT: drive letter the OS is installed to.'],
    ['DestinationOSVariable', 'MDT: variable holding the target drive (OSDisk).'],
    ['DestinationOSRefresh', 'MDT: refresh the existing OS in place.'],
    ['DestinationOSInstallType', 'MDT: how the destination is chosen (ByVariable seen).'],
    ['IsOSUpgrade', "MDT: '1' makes LTIApply upgrade the running OS."],
    ['DynamicallyUpdateWinSetup', 'MDT: let Windows Setup download dynamic updates.'],
  ].map(([name, description]) => ({ name, kind: 'stepInput', readOnly: false, description, flavor: 'mdt', confidence: 'observed', settable: true })),
  // MDT variables tested by the conditions of Microsoft's MDT templates (mdt8443-*, mdt8456-*) or of
  // three or more MDT files; set by ZTIGather, the wizard or CustomSettings.ini.
  ...[
    ['DoCapture', 'MDT: whether and how to capture an image (YES, NO, SYSPREP, PREPARE).'],
    ['BdeInstallSuppress', 'MDT: YES skips enabling BitLocker.'],
    ['ApplyGPOPack', 'MDT: NO skips applying the local GPO pack.'],
    ['IsVM', 'MDT: True when the computer is a virtual machine (ZTIGather).'],
    ['SkipWizard', 'MDT: YES skips the whole deployment wizard.'],
    ['IsBDE', 'MDT: True when BitLocker is enabled on the computer (ZTIGather).'],
    ['OSDBitLockerStatus', "MDT: BitLocker state recorded by MDT's scripts; tested in the ConfigMgr client template."],
    ['USMTLOCAL', 'MDT: True when user state is stored locally (hard-link migration).'],
    ['OSDDiskPart', "MDT: set when the disk is to be partitioned; tested in the ConfigMgr client template."],
    ['OSDArchitecture', 'MDT: architecture of the boot image or OS being deployed (x86, x64).'],
    ['OSDSetupWizCancelled', "MDT: set when the user cancelled the setup wizard."],
    ['OSDDataSourceDrive', 'MDT UDI replace: drive holding the data to migrate.'],
    ['ComputerBackupLocation', 'MDT: where the computer backup goes (NONE, AUTO, NETWORK or a path).'],
    ['WipeDisk', 'MDT: TRUE wipes the disk before the replace scenario ends.'],
  ].map(([name, description]) => ({ name, kind: 'stepOutput', readOnly: false, description, flavor: 'mdt', confidence: 'observed', settable: true })),
];
