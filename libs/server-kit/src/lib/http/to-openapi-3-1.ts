import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The document as OpenAPI 3.1, whose schemas are JSON Schema 2020-12: @nestjs/swagger writes
 * 3.0's `nullable: true`, which 3.1 dropped, so a nullable schema becomes `type: [T, "null"]`
 * (or, for a `$ref` or composition, `oneOf` with `{ type: "null" }`).
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  return { ...(convert(document) as OpenAPIObject), openapi: '3.1.0' };
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, convert(child)]));
  if (nullable !== true) return converted;
  if (typeof converted['type'] === 'string') return { ...converted, type: [converted['type'], 'null'] };
  return { oneOf: [converted, { type: 'null' }] };
}
