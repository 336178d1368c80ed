import type { OpenAPIObject } from '@nestjs/swagger';
import { toOpenApi31 } from './to-openapi-3-1';

describe('toOpenApi31', () => {
  it('turns 3.0 nullable schemas into JSON Schema 2020-12 null types', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Page: {
            type: 'object',
            properties: {
              nextCursor: { type: 'string', nullable: true },
              owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
              items: { type: 'array', items: { type: 'integer', nullable: false } },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;
    expect(toOpenApi31(document)).toEqual({
      ...document,
      openapi: '3.1.0',
      components: {
        schemas: {
          Page: {
            type: 'object',
            properties: {
              nextCursor: { type: ['string', 'null'] },
              owner: { oneOf: [{ allOf: [{ $ref: '#/components/schemas/Owner' }] }, { type: 'null' }] },
              items: { type: 'array', items: { type: 'integer' } },
            },
          },
        },
      },
    });
  });
});
