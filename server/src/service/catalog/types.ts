// Shapes of the catalog: facts about the task sequence format, kept as typed data so that checks
// and features read them and never hard-code a step type, a property or a variable.

/** How sure we are of a fact: stated by Microsoft, seen in real exports, or deduced. */
export type Confidence = 'documented' | 'observed' | 'inferred';

export type RunIn = 'WinPE' | 'FullOS' | 'WinPEandFullOS';

export type Flavor = 'configmgr' | 'mdt';

export type PropertyType =
  | 'string'
  | 'boolean'
  | 'uint'
  | 'enum'
  | 'packageId'
  | 'guid'
  | 'version'
  | 'unc'
  | 'xml-string'
  | 'string[]'
  | 'array';

/**
 * When a property must hold a value. `always` is the MOF Not_Null qualifier; the others are the
 * RequiredIfNull / RequiredIfNotNull pairs and the documented "when X" rules.
 */
export type Requirement =
  | { readonly kind: 'always' }
  | { readonly kind: 'never' }
  /** Required unless one of `others` has a value (either/or pairs). */
  | { readonly kind: 'unlessSet'; readonly others: readonly string[] }
  /** Required when `other` has a value. */
  | { readonly kind: 'whenSet'; readonly other: string }
  /** Required when `other` equals one of `values` (case-insensitive). */
  | { readonly kind: 'whenEquals'; readonly other: string; readonly values: readonly string[] };

export interface PropertyInfo {
  /** WMI property name, written as `property=` in a defaultVarList. */
  readonly property: string;
  /** Task sequence variable name, written as `name=`; undefined when the property has none. */
  readonly variable?: string;
  readonly type: PropertyType;
  readonly required: Requirement;
  readonly values?: readonly string[];
  readonly valueNames?: Readonly<Record<string, string>>;
  readonly range?: readonly [number, number];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly default?: string;
  /** Substituted into the command line or not exported to the environment. */
  readonly hidden?: boolean;
  /** Blanked by ExportXml (passwords, product keys). */
  readonly secret?: boolean;
  /** Also written to <globalVarList>. */
  readonly global?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly confidence: Confidence;
  /**
   * Set when `required` had to be relaxed because real, accepted files break the documented rule:
   * the rule as the SDK/docs state it. A breach is worth a hint, never an error.
   */
  readonly documentedRequired?: Requirement;
  /**
   * Set when only MDT files break the documented rule: the requirement that still holds in
   * ConfigMgr-flavoured documents (MDT's scripts take the value from elsewhere, e.g. <action>).
   */
  readonly requiredInConfigMgr?: Requirement;
  /**
   * Other `name=` spellings real files bind to this property (MDT writes e.g. Message for
   * Restart Computer's SMSRebootMessage). Compared case-insensitively, like `variable`.
   */
  readonly alternateVariables?: readonly string[];
  /**
   * Spellings in `values` that real files use but the documentation does not (e.g. PRIMARY for
   * Primary): accepted, but a check may suggest the documented one.
   */
  readonly nonCanonicalValues?: readonly string[];
  /** Set when only MDT writes this property name (its own scripts read it, not the ConfigMgr client). */
  readonly flavor?: Flavor;
  /**
   * Items of an array property (type 'array'), flattened as `<property><index><item>` and
   * `<variable><index><item>`: each item's `property` and `variable` hold only the item suffix.
   */
  readonly arrayItems?: readonly PropertyInfo[];
}

export interface StepTypeInfo {
  /** The `type` attribute value (WMI class name, or BDD_* for MDT). */
  readonly className: string;
  readonly element: 'step' | 'subtasksequence';
  readonly displayName: string;
  readonly category: string;
  readonly description: string;
  /** configmgr types run in both products; mdt types only under MDT (or ConfigMgr with MDT integration). */
  readonly flavor: Flavor;
  /** The environment the console writes by default; undefined when no runIn is written. */
  readonly defaultRunIn?: RunIn;
  /** Every runIn value the type can run in. */
  readonly allowedRunIn: readonly RunIn[];
  /** The class CommandLine qualifier (%1…%n, <?n: …>), when known. */
  readonly actionTemplate?: string;
  readonly properties: readonly PropertyInfo[];
  readonly defaultSuccessCodes?: string;
  readonly readsVariables?: readonly string[];
  readonly setsVariables?: readonly string[];
  readonly deprecated?: boolean;
  readonly confidence: Confidence;
  /** The action as exports write it (placeholders in <…>), when known. */
  readonly actionXmlForm?: string;
  /** MDT steps: the action under Lite Touch (lti) and under ConfigMgr with MDT integration. */
  readonly mdtAction?: { readonly lti?: string; readonly configmgr?: string };
  /** MDT steps: the deployment kinds the step exists in. */
  readonly mdtMode?: 'configmgr' | 'lti' | 'both';
  /** The console's retryCount for a new step of this type, when not 0. */
  readonly defaultRetryCount?: number;
  /** The exit code the step fails with when its own checks fail (Check Readiness: 4316). */
  readonly failureExitCode?: number;
  /** Elements other than `element` that real files carry this type in (MDT writes Run Task Sequence as <step>). */
  readonly alternateElements?: readonly ('step' | 'subtasksequence')[];
  readonly notes?: string;
}

export interface ExpressionPropertyInfo {
  readonly name: string;
  readonly type: 'string' | 'enum' | 'guid' | 'datetime';
  readonly required: Requirement;
  readonly values?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly description?: string;
  readonly example?: string;
  /** Spellings accepted in `values` that differ from the documented one only by case (MDT's Equals). */
  readonly nonCanonicalValues?: readonly string[];
}

export interface ExpressionKindInfo {
  /** The `type` attribute of <expression>. */
  readonly className: string;
  readonly editorName: string;
  readonly description: string;
  readonly properties: readonly ExpressionPropertyInfo[];
  /** MDT-only kinds are accepted in MDT documents. */
  readonly flavor: Flavor;
  readonly confidence: Confidence;
}

export interface OperatorInfo {
  readonly type: 'and' | 'or' | 'not';
  readonly editorLabel: string;
  readonly semantics: string;
}

export type VariableKind = 'readOnly' | 'stepInput' | 'behavior' | 'deprecated' | 'stepOutput';

export interface VariableInfo {
  readonly name: string;
  readonly kind: VariableKind;
  /** Set by the engine; a task sequence cannot write it. */
  readonly readOnly: boolean;
  readonly description: string;
  readonly appliesTo?: readonly string[];
  readonly type?: string;
  readonly values?: readonly string[];
  /** Array variables (OSDAdapter, OSDPartitions…) are used with an index: OSDAdapter0Gateways. */
  readonly array?: boolean;
  readonly secret?: boolean;
  readonly since?: string;
  readonly flavor?: Flavor;
  readonly confidence: Confidence;
  /**
   * Whether a task sequence or collection may set it. False for read-only variables and for the
   * `_`-prefixed step-property variables, which only the step's own defaultVarList writes.
   */
  readonly settable?: boolean;
  readonly default?: string;
  readonly range?: readonly [number, number];
  readonly valueNames?: Readonly<Record<string, string>>;
  /** Array variables: the item suffixes (OSDAdapter0<item>) and what each holds. */
  readonly arrayItems?: Readonly<Record<string, string>>;
}

export interface AttributeInfo {
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'enum' | 'uint' | 'packageId';
  readonly required: boolean;
  readonly values?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly description: string;
  readonly confidence: Confidence;
  readonly default?: string;
  /** When `required` is false but the attribute is required under these parent elements only. */
  readonly requiredUnder?: readonly string[];
  /** When `required` is false but the attribute is required in documents of these flavors only. */
  readonly requiredFor?: readonly Flavor[];
}

export interface ElementInfo {
  readonly name: string;
  readonly description: string;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly attributes: readonly AttributeInfo[];
  /** Whether the element's text carries a value. */
  readonly hasText: boolean;
  readonly confidence: Confidence;
}

export interface SchemaVersionInfo {
  /** The `version` attribute of <sequence>. */
  readonly value: string;
  readonly confidence: Confidence;
  readonly description: string;
  /** Set when the version was seen only in files of this flavor. */
  readonly flavor?: Flavor;
}
