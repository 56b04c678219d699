import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Clerk's answers checked against Clerk's own OpenAPI specs (vendored in
 * clerk-specs/, see its README), not against our reading of them:
 * - required fields present, a non-null value of the spec's type;
 * - extra fields allowed (`additionalProperties: false` is relaxed);
 * - null allowed wherever the spec gives a type, because real Clerk sends
 *   `create_organizations_limit: null` where its spec says integer;
 * - a status the spec does not define for the operation is a failure;
 * - a list asked for with `paginated=true` (an operation with Clerk's `paginated` parameter, which @clerk/backend
 *   always sends) is `{ data, total_count }` around the spec's array, as the parameter describes.
 * Answers are found by method + path template + status, webhook events by `type`.
 */
export type SpecName = 'fapi' | 'bapi';

export interface SpecViolation {
  /** e.g. `fapi GET /v1/client 200` or `webhook user.created`. */
  where: string;
  problems: string[];
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: unknown[] }>>;
  'x-webhooks'?: Record<string, { post: { requestBody: { content: { 'application/json': { schema: unknown } } } } }>;
}

/**
 * Known gaps: answers whose status the spec does not define for the operation,
 * accepted here one by one with the reason, rather than loosening the rules.
 */
export const KNOWN_GAPS: readonly { where: string; why: string }[] = [
  {
    where: 'bapi GET /jwks 401',
    why: "The spec lists only 200, but Clerk's Backend API refuses every call without the secret key with 401, as the emulator does.",
  },
  {
    where: 'fapi GET /v1/organizations/{organization_id}/memberships 404',
    why: 'The emulator hides an organization from a non-member (404); the spec allows 403. Which one real Clerk sends is not measured yet.',
  },
  {
    where: 'bapi GET /invitations 422',
    why: "The spec lists only 200; an unsupported `order_by` or `status` is refused with 422 `form_param_value_invalid` / `form_param_format_invalid`, as the emulator's other lists refuse them, rather than ignored.",
  },
  {
    where: 'bapi GET /waitlist_entries 422',
    why: "The spec lists only 200; an unsupported `order_by` or `status` is refused with 422 `form_param_value_invalid`, as the emulator's other lists refuse them, rather than ignored.",
  },
];

const SPEC_DIR = join(import.meta.dirname, 'clerk-specs');
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
// OpenAPI's own formats, which JSON Schema does not define: numbers and bytes, not worth checking.
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'binary', 'base64', 'byte'];

/**
 * The spec's schemas under our rules: `nullable` and every `type` allow null,
 * `additionalProperties: false` is dropped, and `oneOf` is `anyOf` (with extra
 * fields allowed, one answer can match two branches). Examples are left alone.
 */
function relax(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relax);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'example' || key === 'examples') continue;
    if (key === 'nullable' || key === 'discriminator') continue;
    if (key === 'additionalProperties' && value === false) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = relax(value);
  }
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

function loadSpec(name: string): OpenApiDocument {
  return relax(JSON.parse(readFileSync(join(SPEC_DIR, `${name}.json`), 'utf8'))) as OpenApiDocument;
}

interface Operation {
  key: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  responses: Record<string, unknown>;
  /** Whether it takes Clerk's `paginated` query parameter. */
  paginates: boolean;
}

class Spec {
  readonly document: OpenApiDocument;
  readonly operations: Operation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly name: string) {
    this.document = loadSpec(name);
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(this.ajv);
    for (const format of OPENAPI_FORMATS) this.ajv.addFormat(format, true);
    this.ajv.addSchema(this.document, name);
    this.operations = Object.entries(this.document.paths ?? {})
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => HTTP_METHODS.has(method))
          .map(([method, operation]) => ({
            key: `${method.toUpperCase()} ${template}`,
            template,
            pattern: templatePattern(method, template),
            literalSegments: template.split('/').filter((segment) => segment && !segment.includes('{')).length,
            responses: operation.responses ?? {},
            paginates: (operation.parameters ?? []).some((parameter) => this.resolve(parameter).name === 'paginated'),
          })),
      )
      // A literal segment beats a parameter: `/v1/me/sessions/active` before `/v1/me/sessions/{session_id}`.
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  find(method: string, path: string): Operation | undefined {
    return this.operations.find((operation) => operation.pattern.test(`${method.toLowerCase()} ${path}`));
  }

  /** Validates `value` against the schema at `pointer` (a JSON pointer into the spec), or a page of it when `paginated`. */
  validate(pointer: string, value: unknown, paginated = false): string[] {
    const key = `${paginated ? 'page:' : ''}${pointer}`;
    let validator = this.validators.get(key);
    if (!validator) {
      const schema = { $ref: `${this.name}#${pointer}` };
      const page = { type: 'object', required: ['data', 'total_count'], properties: { data: schema, total_count: { type: 'integer' } } };
      validator = this.ajv.compile(paginated ? page : schema);
      this.validators.set(key, validator);
    }
    if (validator(value)) return [];
    return describeErrors(validator, value);
  }

  resolve(node: unknown): Record<string, unknown> {
    let current = node as Record<string, unknown>;
    while (typeof current?.$ref === 'string') {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (at, segment) => (at as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')],
          this.document,
        ) as Record<string, unknown>;
    }
    return current;
  }
}

function templatePattern(method: string, template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
  return new RegExp(`^${method} ${escaped.replace(/[{}]/g, '')}$`);
}

/** The deepest errors first, with the offending value's field path; `anyOf` branch noise collapsed. */
function describeErrors(validator: ValidateFunction, value: unknown): string[] {
  const messages = (validator.errors ?? []).map((error) => {
    const at = error.instancePath || '(root)';
    if (error.keyword === 'required') return `${at}: missing ${(error.params as { missingProperty: string }).missingProperty}`;
    if (error.keyword === 'type') return `${at}: ${error.message} (got ${JSON.stringify(pointerGet(value, error.instancePath))?.slice(0, 80)})`;
    return `${at}: ${error.message}`;
  });
  return [...new Set(messages)].slice(0, 30);
}

function pointerGet(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, segment) => (at as Record<string, unknown> | undefined)?.[segment], value);
}

const specs = new Map<string, Spec>();
function spec(name: string): Spec {
  let loaded = specs.get(name);
  if (!loaded) {
    loaded = new Spec(name);
    specs.set(name, loaded);
  }
  return loaded;
}

/** What this process saw, for the coverage report (clerk-specs/coverage.ts). */
export const specCoverage = {
  operations: { fapi: new Set<string>(), bapi: new Set<string>() } as Record<SpecName, Set<string>>,
  /** Answers at paths the spec has no operation for (not checked). */
  unmatched: new Set<string>(),
  events: new Set<string>(),
};

// CLERK_SPEC_COVERAGE_FILE: each process appends what it saw, one JSON line per new item.
function record(kind: 'operation' | 'unmatched' | 'event', spec: string, name: string, seen: Set<string>): void {
  if (seen.has(name)) return;
  seen.add(name);
  const file = process.env.CLERK_SPEC_COVERAGE_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ kind, spec, name })}\n`);
}

/**
 * Checks one answer: `path` as the spec writes it (`/v1/client` for the
 * Frontend API, `/users/user_1` for the Backend API, whose spec's server is
 * `…/v1`). Null when it passes, or when the spec has no operation for the path.
 */
export function checkAnswer(
  specName: SpecName,
  method: string,
  path: string,
  status: number,
  body: unknown,
  request: { paginated?: boolean } = {},
): SpecViolation | null {
  const loaded = spec(specName);
  const operation = loaded.find(method, path);
  if (!operation) {
    record(
      'unmatched',
      specName,
      `${method} ${path.replace(/\/(user|org|sess|sia|sua|idn|orgmem|client|dvb|role|perm)_[A-Za-z0-9]+/g, '/$1_…')}`,
      specCoverage.unmatched,
    );
    return null;
  }
  record('operation', specName, operation.key, specCoverage.operations[specName]);
  const where = `${specName} ${operation.key} ${status}`;
  const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in operation.responses);
  if (!statusKey && KNOWN_GAPS.some((gap) => gap.where === where)) return null;
  if (!statusKey) return { where, problems: [`status ${status} is not among the spec's ${Object.keys(operation.responses).join(', ')}`] };
  const response = loaded.resolve(operation.responses[statusKey]);
  const content = response.content as Record<string, { schema?: unknown }> | undefined;
  const json = content?.['application/json'];
  if (!json?.schema) return null;
  const pointer = `/paths/${escapePointer(operation.template)}/${method.toLowerCase()}/responses/${statusKey}`;
  const schemaPointer =
    typeof (operation.responses[statusKey] as { $ref?: string }).$ref === 'string'
      ? `${(operation.responses[statusKey] as { $ref: string }).$ref.slice(1)}/content/application~1json/schema`
      : `${pointer}/content/application~1json/schema`;
  const asPage = request.paginated === true && operation.paginates && isArraySchema(loaded.resolve(json.schema));
  const problems = loaded.validate(schemaPointer, body, asPage);
  return problems.length ? { where, problems } : null;
}

/** Checks one webhook event (`{ type, data, … }`) against the spec's event of that type. */
export function checkWebhookEvent(event: { type: string; [field: string]: unknown }): SpecViolation | null {
  const loaded = spec('webhooks');
  const where = `webhook ${event.type}`;
  if (!loaded.document['x-webhooks']?.[event.type]) return { where, problems: [`the spec has no event ${event.type}`] };
  record('event', 'webhooks', event.type, specCoverage.events);
  const problems = loaded.validate(`/x-webhooks/${escapePointer(event.type)}/post/requestBody/content/application~1json/schema`, event);
  return problems.length ? { where, problems } : null;
}

/** A schema of `type: array` (relaxed to `['array', 'null']`). */
function isArraySchema(schema: Record<string, unknown>): boolean {
  return Array.isArray(schema.type) && schema.type.includes('array');
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Every operation and event the spec defines, for the coverage report. */
export function definedInSpec(): { fapi: string[]; bapi: string[]; events: string[] } {
  return {
    fapi: spec('fapi').operations.map((operation) => operation.key),
    bapi: spec('bapi').operations.map((operation) => operation.key),
    events: Object.keys(spec('webhooks').document['x-webhooks'] ?? {}),
  };
}

export function formatViolations(violations: readonly SpecViolation[]): string {
  return violations.map((violation) => `${violation.where}:\n  ${violation.problems.join('\n  ')}`).join('\n');
}
