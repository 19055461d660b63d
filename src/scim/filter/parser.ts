// Recursive-descent parser for RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths:
//
//   filter     = or
//   or         = and *("or" and)                      ; "not" binds tighter than "and", "and" than "or"
//   and        = unary *("and" unary)
//   unary      = "not" "(" filter ")" / "(" filter ")" / attrExp / valuePath
//   valuePath  = attrPath "[" filter "]" [subAttr condition]   ; the subAttr form is what Entra ID sends
//   attrExp    = attrPath ("pr" / compareOp compValue)
//   path       = attrPath ["[" filter "]" [subAttr]]  ; PATCH path and `attributes` items
//
// Keywords, operators and attribute names are case-insensitive. Input is bounded in length and nesting.

import { formatAttributePath, parseAttributePath, type AttributePath } from '../attribute-path';
import { findAttribute, type AttributeDefinition } from '../schemas/attribute';
import { resolvePath, type ResourceType } from '../schemas/resource-types';
import { COMPARISON_OPERATORS, type ComparisonOperator, type ComparisonValue, type Filter } from './ast';
import { failureAt, tokenize, type Fail, type Token } from './lexer';

export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_DEPTH = 32;
/** Conditions joined by and/or: IdPs send one or two; hundreds would cost seconds of CPU per evaluated resource. */
export const MAX_FILTER_CONDITIONS = 20;

/** A PATCH path or `attributes` item: `members`, `name.givenName`, `emails[type eq "work"].value`. */
export interface PathExpression {
  path: AttributePath;
  /** The value filter in brackets; its paths are relative to `path`. */
  filter?: Filter;
  /** The sub-attribute after the brackets. */
  subAttribute?: string;
}

/**
 * Parses a filter. With a resource type, attribute names are checked against its schemas, and ordering
 * operators on booleans are refused (RFC 7644 §3.4.2.2); errors are 400 invalidFilter with the position.
 */
export function parseFilter(text: string, type?: ResourceType): Filter {
  const parser = new Parser(text, 'filter', type);
  const filter = parser.filter(TOP_LEVEL);
  parser.expectEnd();
  return filter;
}

/** Parses a PATCH path (RFC 7644 §3.5.2) or an `attributes` item; errors are 400 invalidPath. */
export function parsePathExpression(text: string): PathExpression {
  const parser = new Parser(text, 'path');
  const expression = parser.pathExpression();
  parser.expectEnd();
  return expression;
}

/** Where attribute paths are being read: at the top, or inside `[...]` of a complex attribute. */
type Scope = { kind: 'top' } | { kind: 'element'; parent: AttributePath; definition?: AttributeDefinition };

const TOP_LEVEL: Scope = { kind: 'top' };
const ORDERING_OPERATORS = new Set(['gt', 'ge', 'lt', 'le']);

class Parser {
  private readonly tokens: Token[];
  private readonly fail: Fail;
  private index = 0;
  private depth = 0;
  private conditions = 1;

  constructor(
    text: string,
    private readonly what: 'filter' | 'path',
    private readonly type?: ResourceType,
  ) {
    this.fail = failureAt(text, what === 'filter' ? 'invalidFilter' : 'invalidPath', what);
    if (text.length > MAX_FILTER_LENGTH) throw this.fail(MAX_FILTER_LENGTH, `longer than ${MAX_FILTER_LENGTH} characters`);
    if (text.trim() === '') throw this.fail(0, `the ${what} is empty`);
    this.tokens = tokenize(text, this.fail);
  }

  filter(scope: Scope): Filter {
    let left = this.and(scope);
    while (this.atKeyword('or')) {
      this.join();
      left = { op: 'or', left, right: this.and(scope) };
    }
    return left;
  }

  pathExpression(): PathExpression {
    const { path } = this.attributePath();
    if (this.peek().kind !== '[') return { path };
    const scope = this.elementScope(path, undefined);
    const filter = this.bracketed(scope);
    const subAttribute = this.optionalSubAttribute(scope);
    return subAttribute ? { path, filter, subAttribute: subAttribute.path.attribute } : { path, filter };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === 'end') return;
    const hint = this.what === 'filter' ? 'join conditions with "and" or "or"' : 'a path ends after its attribute, [filter] or .subAttribute';
    throw this.fail(token.position, `unexpected ${describe(token)}; ${hint}`);
  }

  private join(): void {
    this.conditions += 1;
    if (this.conditions > MAX_FILTER_CONDITIONS)
      throw this.fail(this.peek().position, `more than ${MAX_FILTER_CONDITIONS} conditions joined by "and" or "or"`);
    this.index += 1;
  }

  private and(scope: Scope): Filter {
    let left = this.unary(scope);
    while (this.atKeyword('and')) {
      this.join();
      left = { op: 'and', left, right: this.unary(scope) };
    }
    return left;
  }

  private unary(scope: Scope): Filter {
    const token = this.peek();
    if (this.atKeyword('not') && this.tokens[this.index + 1]?.kind === '(') {
      this.index += 2;
      const filter = this.nested(() => this.filter(scope));
      this.expect(')', 'to close "not ("');
      return { op: 'not', filter };
    }
    if (token.kind === '(') {
      this.index += 1;
      const filter = this.nested(() => this.filter(scope));
      this.expect(')', 'to close "("');
      return filter;
    }
    return this.attributeExpression(scope);
  }

  private attributeExpression(scope: Scope): Filter {
    const { path, position } = this.attributePath();
    if (this.peek().kind !== '[') return this.condition(path, this.definitionOf(path, scope, position));
    if (scope.kind === 'element') throw this.fail(this.peek().position, 'a [...] filter cannot contain another [...] filter');
    const inner = this.elementScope(path, this.valuePathDefinition(path, position));
    const filter = this.bracketed(inner);
    const subAttribute = this.optionalSubAttribute(inner);
    if (!subAttribute) return { op: 'valuePath', path, filter };
    const condition = this.condition(subAttribute.path, subAttribute.definition);
    return { op: 'valuePath', path, filter: { op: 'and', left: filter, right: condition } };
  }

  private condition(path: AttributePath, definition: AttributeDefinition | undefined): Filter {
    const token = this.peek();
    const operator = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (operator === 'pr') {
      this.index += 1;
      return { op: 'pr', path };
    }
    if (!COMPARISON_OPERATORS.includes(operator as ComparisonOperator)) {
      const expected = 'an operator (eq ne co sw ew gt ge lt le pr)';
      throw this.fail(token.position, `expected ${expected} after the attribute, found ${describe(token)}`);
    }
    if (ORDERING_OPERATORS.has(operator) && (definition?.type === 'boolean' || definition?.type === 'binary')) {
      throw this.fail(token.position, `"${operator}" cannot compare ${definition.type} attributes; use eq or ne`);
    }
    this.index += 1;
    return { op: operator as ComparisonOperator, path, value: this.comparisonValue() };
  }

  private comparisonValue(): ComparisonValue {
    const token = this.peek();
    const value = literalValue(token);
    if (value === undefined) {
      throw this.fail(token.position, `expected a value (a "double-quoted string", a number, true, false or null), found ${describe(token)}`);
    }
    this.index += 1;
    return value;
  }

  private attributePath(): { path: AttributePath; position: number } {
    const token = this.peek();
    if (token.kind !== 'word') {
      throw this.fail(token.position, `expected an attribute name such as userName, found ${describe(token)}`);
    }
    const path = parseAttributePath(token.text);
    if (!path) {
      throw this.fail(token.position, `"${token.text}" is not an attribute path; write name, name.subAttribute or urn:...:name`);
    }
    this.index += 1;
    return { path, position: token.position };
  }

  private bracketed(scope: Scope): Filter {
    this.index += 1;
    const filter = this.nested(() => this.filter(scope));
    this.expect(']', 'to close "["');
    return filter;
  }

  /** The `.value` after `]`, if there is one. */
  private optionalSubAttribute(scope: Scope): { path: AttributePath; definition?: AttributeDefinition } | undefined {
    const token = this.peek();
    if (token.kind !== 'word' || !token.text.startsWith('.')) return undefined;
    const path = parseAttributePath(token.text.slice(1));
    if (!path || path.schema !== undefined || path.subAttribute !== undefined) {
      throw this.fail(token.position, `"${token.text}" is not a sub-attribute; write e.g. emails[type eq "work"].value`);
    }
    const definition = this.definitionOf(path, scope, token.position);
    this.index += 1;
    return { path, definition };
  }

  private elementScope(parent: AttributePath, definition: AttributeDefinition | undefined): Scope {
    if (parent.subAttribute !== undefined) {
      throw this.fail(this.peek().position, 'put the [...] filter right after the attribute, e.g. emails[type eq "work"].value');
    }
    return { kind: 'element', parent, definition };
  }

  /** The definition of a path in its scope; with a resource type, an unknown attribute is an error. */
  private definitionOf(path: AttributePath, scope: Scope, position: number): AttributeDefinition | undefined {
    if (scope.kind === 'element') return this.subAttributeOf(path, scope, position);
    if (!this.type) return undefined;
    const target = resolvePath(this.type, path);
    if (!target) throw this.fail(position, `${this.type.name} resources have no attribute "${formatAttributePath(path)}"`);
    if (target.kind === 'extension') {
      throw this.fail(position, 'this names a schema; name one of its attributes, e.g. urn:...:User:department');
    }
    return target.subAttribute ?? target.attribute;
  }

  private subAttributeOf(path: AttributePath, scope: Scope & { kind: 'element' }, position: number): AttributeDefinition | undefined {
    if (path.schema !== undefined || path.subAttribute !== undefined) {
      const parent = scope.parent.attribute;
      throw this.fail(position, `inside ${parent}[...] name a sub-attribute of ${parent}, e.g. type or value`);
    }
    if (!scope.definition) return undefined;
    const definition = findAttribute(scope.definition.subAttributes, path.attribute);
    if (!definition) throw this.fail(position, `${scope.parent.attribute} has no sub-attribute "${path.attribute}"`);
    return definition;
  }

  private valuePathDefinition(path: AttributePath, position: number): AttributeDefinition | undefined {
    const definition = this.definitionOf(path, TOP_LEVEL, position);
    if (definition && definition.type !== 'complex') {
      throw this.fail(position, `"${path.attribute}" has no sub-attributes; [...] filters apply to attributes such as emails`);
    }
    return definition;
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_FILTER_DEPTH) throw this.fail(this.peek().position, `nested more than ${MAX_FILTER_DEPTH} levels deep`);
    const result = parse();
    this.depth -= 1;
    return result;
  }

  private expect(kind: ')' | ']', why: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw this.fail(token.position, `expected "${kind}" ${why}, found ${describe(token)}`);
    this.index += 1;
  }

  private atKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }
}

function literalValue(token: Token): ComparisonValue | undefined {
  if (token.kind === 'literal') return token.value;
  const word = token.kind === 'word' ? token.text.toLowerCase() : '';
  return LITERAL_WORDS.get(word);
}

const LITERAL_WORDS = new Map<string, ComparisonValue>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `"${token.text}"`;
    case 'literal':
      return JSON.stringify(token.value);
    case 'end':
      return 'the end of the input';
    default:
      return `"${token.kind}"`;
  }
}
