// The filter AST (RFC 7644 §3.4.2.2). `and`/`or` are binary and left-associative, as parsed.
// Inside a value path, attribute paths are relative to the multi-valued attribute: in
// `emails[type eq "work"]` the inner path is `{ attribute: 'type' }`, the `type` of each email.

import type { AttributePath } from '../attribute-path';

export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A JSON comparison value; dateTime values are strings, compared as instants when the attribute is a dateTime. */
export type ComparisonValue = string | number | boolean | null;

export interface Comparison {
  op: ComparisonOperator;
  path: AttributePath;
  value: ComparisonValue;
}

export interface Presence {
  op: 'pr';
  path: AttributePath;
}

export interface Logical {
  op: 'and' | 'or';
  left: Filter;
  right: Filter;
}

export interface Negation {
  op: 'not';
  filter: Filter;
}

/**
 * `emails[type eq "work"]`: some value of `path` matches `filter`. The Entra ID form
 * `emails[type eq "work"].value eq "x"` parses to the same node with `value eq "x"` and-ed into `filter`.
 */
export interface ValuePath {
  op: 'valuePath';
  path: AttributePath;
  filter: Filter;
}

export type Filter = Comparison | Presence | Logical | Negation | ValuePath;

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
