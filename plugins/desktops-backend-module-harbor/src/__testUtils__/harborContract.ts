import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The copy in this package: what the tests check against, also on a clean clone. */
export const VENDORED_SPEC_PATH = resolve(
  __dirname,
  '../__fixtures__/harbor-v2.0-swagger.yaml',
);
/** Where the copy came from, on the machines that have it. */
export const SHARED_SPEC_PATH =
  '/work/shared/contracts/harbor-v2.0-swagger.yaml';
/** sha256 of the published file (the vendored copy without its header). */
export const PUBLISHED_SPEC_SHA256 =
  'dea3b3f6cfc225acb569019904218f30032a6fdf4331c86e372bc53198fab840';

/** The vendored file without the `#` header this package put on top. */
export function publishedSpecText(): string {
  const lines = readFileSync(VENDORED_SPEC_PATH, 'utf8').split('\n');
  const first = lines.findIndex(line => !line.startsWith('#'));
  return lines.slice(first).join('\n');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Schema = Record<string, any>;
type Parameter = {
  name: string;
  in: 'query' | 'path' | 'header' | 'body' | 'formData';
  required?: boolean;
  schema?: Schema;
  [keyword: string]: unknown;
};
type Response = {
  description?: string;
  schema?: Schema;
  headers?: Record<string, Schema>;
};
export type Operation = {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  responses: Record<string, Response | { $ref: string }>;
  consumes?: string[];
};

export type FoundOperation = {
  method: string;
  template: string;
  operation: Operation;
  /** Path parameters as Harbor's router hands them to the handler (decoded once). */
  pathParams: Record<string, string>;
};

export type RequestToCheck = {
  method: string;
  /** Path and query as sent, still percent-encoded. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text; empty when there was none. */
  body: string;
};

export type CheckedRequest =
  | {
      ok: true;
      found: FoundOperation;
      query: Record<string, string>;
      body: unknown;
    }
  | { ok: false; found?: FoundOperation; problems: string[] };

const PARAMETER_KEYWORDS = [
  'type',
  'format',
  'items',
  'enum',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
];

/**
 * Harbor's swagger as a checker: finds the operation of a request by method
 * and path template (under basePath), checks its parameters and JSON body,
 * and checks responses against the documented ones. Objects are closed
 * (`additionalProperties: false` where the swagger lists properties and says
 * nothing else), so a misspelt field fails instead of passing unnoticed.
 */
export class HarborContract {
  readonly spec: Schema;
  readonly basePath: string;
  readonly #ajv: Ajv;
  readonly #compiled = new WeakMap<object, ValidateFunction>();

  static load(path: string = VENDORED_SPEC_PATH): HarborContract {
    return new HarborContract(parse(readFileSync(path, 'utf8')));
  }

  constructor(spec: Schema) {
    if (spec.swagger !== '2.0') {
      throw new Error('Expected a Swagger 2.0 document');
    }
    this.spec = spec;
    this.basePath = spec.basePath ?? '';
    this.#ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.#ajv);
    // Formats the swagger uses that JSON Schema does not define.
    for (const format of ['int', 'int8', 'uint64', 'float64']) {
      this.#ajv.addFormat(format, true);
    }
    this.#ajv.addSchema({
      id: 'harbor-swagger',
      definitions: strictSchema(spec.definitions ?? {}),
    });
  }

  /** The operation `method path` (path after the host, percent-encoded) is, if any. */
  findOperation(method: string, rawPath: string): FoundOperation | undefined {
    if (!rawPath.startsWith(`${this.basePath}/`)) return undefined;
    // Harbor's router matches the path decoded once, like Go's URL.Path:
    // this is why a repository name with `/` must be encoded twice.
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath.slice(this.basePath.length));
    } catch {
      return undefined;
    }
    const segments = decoded.split('/');
    const candidates: Array<FoundOperation & { literals: number }> = [];
    for (const [template, item] of Object.entries<Schema>(this.spec.paths)) {
      const operation = item[method.toLowerCase()] as Operation | undefined;
      if (!operation) continue;
      const parts = template.split('/');
      if (parts.length !== segments.length) continue;
      const pathParams: Record<string, string> = {};
      let literals = 0;
      const matches = parts.every((part, i) => {
        const param = part.match(/^\{(.+)\}$/);
        if (param) {
          pathParams[param[1]] = segments[i];
          return segments[i] !== '';
        }
        literals += 1;
        return part === segments[i];
      });
      if (matches) {
        candidates.push({ method, template, operation, pathParams, literals });
      }
    }
    // A literal segment wins over a parameter (/users/current over /users/{user_id}).
    candidates.sort((a, b) => b.literals - a.literals);
    if (!candidates[0]) return undefined;
    const { literals: _literals, ...found } = candidates[0];
    return found;
  }

  /** Checks one request against the swagger. */
  checkRequest(request: RequestToCheck): CheckedRequest {
    const url = new URL(request.url, 'http://harbor.invalid');
    const found = this.findOperation(request.method, url.pathname);
    if (!found) {
      return {
        ok: false,
        problems: [
          `${request.method} ${url.pathname}: no operation of the Harbor swagger has this method and path`,
        ],
      };
    }
    const call = `${found.operation.operationId} (${request.method} ${found.template})`;
    const problems: string[] = [];
    const parameters = this.#parameters(found);

    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) {
      if (name in query)
        problems.push(`${call}: query parameter ${name} twice`);
      query[name] = value;
    }
    const byPlace = (place: Parameter['in']) =>
      parameters.filter(p => p.in === place);
    for (const name of Object.keys(query)) {
      if (!byPlace('query').some(p => p.name === name)) {
        problems.push(`${call}: query parameter ${name} is not declared`);
      }
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    );
    for (const name of Object.keys(headers)) {
      if (
        name.startsWith('x-') &&
        !byPlace('header').some(p => p.name.toLowerCase() === name)
      ) {
        problems.push(`${call}: header ${name} is not declared`);
      }
    }

    const values: Array<[Parameter, string | undefined]> = [
      ...byPlace('query').map(p => [p, query[p.name]] as [Parameter, string]),
      ...byPlace('path').map(
        p => [p, found.pathParams[p.name]] as [Parameter, string],
      ),
      ...byPlace('header').map(
        p => [p, headers[p.name.toLowerCase()]] as [Parameter, string],
      ),
    ];
    for (const [parameter, value] of values) {
      if (value === undefined) {
        if (parameter.required) {
          problems.push(
            `${call}: required ${parameter.in} parameter ${parameter.name} is missing`,
          );
        }
        continue;
      }
      const validate = this.#validator(parameter, () =>
        Object.fromEntries(
          PARAMETER_KEYWORDS.filter(k => k in parameter).map(k => [
            k,
            parameter[k],
          ]),
        ),
      );
      if (!validate(coerce(value, parameter.type as string | undefined))) {
        problems.push(
          `${call}: ${parameter.in} parameter ${parameter.name}=${value} ${(
            validate.errors ?? []
          )
            .map(e => e.message)
            .join(', ')}`,
        );
      }
    }

    let body: unknown = undefined;
    const bodyParameter = byPlace('body')[0];
    if (request.body !== '') {
      if (!bodyParameter) {
        problems.push(`${call}: sends a body, but the operation takes none`);
      } else if (
        !String(headers['content-type'] ?? '').startsWith('application/json')
      ) {
        problems.push(
          `${call}: body sent as ${headers['content-type']}, the swagger consumes application/json`,
        );
      } else {
        try {
          body = JSON.parse(request.body);
          problems.push(
            ...this.validate(bodyParameter.schema ?? {}, body).map(
              p => `${call}: body ${p}`,
            ),
          );
        } catch {
          problems.push(`${call}: body is not JSON`);
        }
      }
    } else if (bodyParameter?.required) {
      problems.push(`${call}: required body ${bodyParameter.name} is missing`);
    }

    return problems.length
      ? { ok: false, found, problems }
      : { ok: true, found, query, body };
  }

  /** Problems of a response the test server is about to send; none when it is documented. */
  checkResponse(
    found: FoundOperation,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): string[] {
    const call = `${found.operation.operationId} (${found.method} ${found.template})`;
    const response = this.response(found.operation, status);
    if (!response) {
      return [`${call}: the swagger documents no HTTP ${status} answer`];
    }
    const problems: string[] = [];
    for (const name of Object.keys(headers)) {
      if (
        !Object.keys(response.headers ?? {}).some(
          h => h.toLowerCase() === name.toLowerCase(),
        )
      ) {
        problems.push(
          `${call}: header ${name} is not documented for HTTP ${status}`,
        );
      }
    }
    if (found.method === 'HEAD') {
      if (body !== undefined)
        problems.push(`${call}: a HEAD answer has no body`);
    } else if (response.schema && body === undefined) {
      problems.push(`${call}: HTTP ${status} is documented with a body`);
    } else if (!response.schema && body !== undefined) {
      problems.push(`${call}: HTTP ${status} is documented without a body`);
    } else if (response.schema) {
      problems.push(
        ...this.validate(response.schema, body).map(
          p => `${call}: HTTP ${status} body ${p}`,
        ),
      );
    }
    return problems;
  }

  /** The documented answer of an operation for a status, `$ref` resolved. */
  response(operation: Operation, status: number): Response | undefined {
    const response =
      operation.responses[String(status)] ?? operation.responses.default;
    if (!response) return undefined;
    return '$ref' in response
      ? (this.#resolve(response.$ref) as Response)
      : response;
  }

  /** Problems of `value` against a swagger schema (closed objects, refs into the definitions). */
  validate(schema: Schema, value: unknown): string[] {
    const validate = this.#validator(schema, () => strictSchema(schema));
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          e =>
            `${e.instancePath || '(root)'} ${e.message}${
              e.keyword === 'additionalProperties'
                ? `: ${JSON.stringify(
                    (e.params as { additionalProperty: string })
                      .additionalProperty,
                  )}`
                : ''
            }`,
        );
  }

  /** The compiled validator of `schema()`, kept per object of the swagger it comes from. */
  #validator(from: object, schema: () => Schema): ValidateFunction {
    let validate = this.#compiled.get(from);
    if (!validate) {
      validate = this.#ajv.compile(schema());
      this.#compiled.set(from, validate);
    }
    return validate;
  }

  #parameters(found: FoundOperation): Parameter[] {
    const shared = (this.spec.paths[found.template].parameters ?? []) as Array<
      Parameter | { $ref: string }
    >;
    return [...shared, ...(found.operation.parameters ?? [])].map(p => {
      const ref = p.$ref;
      return typeof ref === 'string'
        ? (this.#resolve(ref) as Parameter)
        : (p as Parameter);
    });
  }

  #resolve(ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref ${ref}`);
    return ref
      .slice(2)
      .split('/')
      .reduce<any>((node, key) => node?.[key], this.spec);
  }
}

/**
 * A swagger schema as JSON Schema draft 4 for ajv: refs point into the
 * `harbor-swagger` definitions, objects that list their properties allow no
 * others, and `x-nullable` allows null.
 */
function strictSchema(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/definitions/')
        ? `harbor-swagger${value}`
        : value;
    } else if (key === 'properties' || key === 'definitions') {
      out[key] = Object.fromEntries(
        Object.entries(value as object).map(([name, property]) => [
          name,
          strictSchema(property),
        ]),
      );
    } else if (key === 'example' || key.startsWith('x-')) {
      // Not validation keywords.
    } else {
      out[key] = strictSchema(value);
    }
  }
  const original = schema as Record<string, unknown>;
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (original['x-nullable'] === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  return out;
}

/** A query, path or header value as the type its parameter declares. */
function coerce(value: string, type: string | undefined): unknown {
  if (
    (type === 'integer' || type === 'number') &&
    /^-?\d+(\.\d+)?$/.test(value)
  ) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}
