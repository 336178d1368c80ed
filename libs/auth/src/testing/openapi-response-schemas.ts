import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
// ajv is fastify's own validator (it comes with @nestjs/platform-fastify); 2020 is OpenAPI 3.1's dialect.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const COMPONENTS_ID = 'urn:openapi:components';

/**
 * Operations whose success is not described, as readable lines (none: every one is): each
 * operation needs a 2xx response; a 204 has no content, any other 2xx a schema for each media
 * type, and every schema (the components' too) must compile as JSON Schema 2020-12 in strict mode,
 * so a 3.0 leftover such as `nullable` is caught.
 *
 * @example
 * expect(undocumentedSuccessResponses(document)).toEqual([]);
 */
export function undocumentedSuccessResponses(document: OpenAPIObject): string[] {
  let validators: DocumentValidators;
  try {
    validators = new DocumentValidators(document);
  } catch (error) {
    return [`components.schemas do not compile: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { method, path, operation } of operationsOf(document)) {
    const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
    if (successes.length === 0) problems.push(`${method} ${path}: no 2xx response`);
    for (const [status, response] of successes) {
      const content = (response as ResponseObject).content ?? {};
      const where = `${method} ${path} ${status}`;
      if (status === '204') {
        if (Object.keys(content).length > 0) problems.push(`${where}: no content has content`);
        continue;
      }
      if (Object.keys(content).length === 0) problems.push(`${where}: no content and no schema`);
      for (const [mediaType, media] of Object.entries(content)) {
        if (media.schema === undefined) {
          problems.push(`${where} ${mediaType}: no schema`);
          continue;
        }
        try {
          validators.for(media.schema as SchemaObject);
        } catch (error) {
          problems.push(`${where} ${mediaType}: the schema does not compile: ${(error as Error).message}`);
        }
      }
    }
  }
  return problems;
}

/**
 * Where a real response differs from what `document` says `method path` answers, as readable
 * lines (none: it conforms): its status must be documented, a 204 must have no body, and any other
 * body must be of a documented media type and validate against its schema, with no property the
 * schema does not list (the document leaves objects open; the check closes them, so an
 * undocumented field, a leaked secret say, fails). Reads the response's body.
 *
 * @example
 * expect(await responseSchemaMismatches(document, 'get', '/orders/{id}', await api.request(`/orders/${id}`, { token }))).toEqual([]);
 */
export async function responseSchemaMismatches(
  document: OpenAPIObject,
  method: (typeof HTTP_METHODS)[number],
  path: string,
  response: Response,
): Promise<string[]> {
  const where = `${method.toUpperCase()} ${path} ${response.status}`;
  const operation = document.paths[path]?.[method];
  if (operation === undefined) return [`${method.toUpperCase()} ${path}: not in the document`];
  const documented = operation.responses[String(response.status)] as ResponseObject | undefined;
  if (documented === undefined) return [`${where}: status not documented`];
  const text = await response.text();
  if (response.status === 204) return text === '' ? [] : [`${where}: a body after no content`];
  const contentType = response.headers.get('content-type') ?? '';
  const media = Object.entries(documented.content ?? {}).find(([type]) => sameMediaType(type, contentType))?.[1];
  if (media?.schema === undefined) return [`${where}: content-type ${contentType} has no documented schema`];
  const body: unknown = contentType.startsWith('application/json') ? JSON.parse(text) : text;
  const validate = new DocumentValidators(document, { closed: true }).for(media.schema as SchemaObject);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${where}: ${describe(error)}`);
}

/** Compiles schemas of one document, with its components resolvable by `$ref`; `closed`: see `closeObjects`. */
class DocumentValidators {
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true });

  constructor(
    document: OpenAPIObject,
    private readonly options: { closed: boolean } = { closed: false },
  ) {
    // `example` is an OpenAPI keyword (deprecated in 3.1, still valid) that JSON Schema does not know;
    // `nullable` is OpenAPI 3.0's, which ajv accepts by default and 3.1 dropped.
    this.ajv.addKeyword('example');
    this.ajv.removeKeyword('nullable');
    addFormats(this.ajv);
    const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: this.prepare(withComponentRefs(schemas)) as Record<string, object> });
    // Compile every component, used or not, so a bad one is found here.
    Object.keys(schemas).forEach((name) => this.ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`));
  }

  for(schema: SchemaObject): ValidateFunction {
    return this.ajv.compile(this.prepare(withComponentRefs(schema)) as object);
  }

  private prepare(schema: unknown): unknown {
    return this.options.closed ? closeObjects(schema) : schema;
  }
}

function operationsOf(document: OpenAPIObject): { method: string; path: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ method: method.toUpperCase(), path, operation: item[method] }] : [])),
  );
}

/** The document's schemas refer to `#/components/schemas/X`; here that is the components schema's `$defs`. */
function withComponentRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS_ID}#/$defs/`));
}

/** Every object schema that lists properties and says nothing of others gets `unevaluatedProperties: false`. */
function closeObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (typeof value !== 'object' || value === null) return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, closeObjects(child)]));
  const open = 'additionalProperties' in schema || 'unevaluatedProperties' in schema;
  return 'properties' in schema && !open ? { ...schema, unevaluatedProperties: false } : schema;
}

function sameMediaType(documented: string, received: string): boolean {
  const essence = (type: string) => type.split(';')[0]?.trim().toLowerCase();
  return essence(documented) === essence(received);
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the body' : error.instancePath;
  const extra = error.keyword === 'unevaluatedProperties' ? ` (${String(error.params['unevaluatedProperty'])})` : '';
  return `${at} ${error.message ?? error.keyword}${extra}`;
}
