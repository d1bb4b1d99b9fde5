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
