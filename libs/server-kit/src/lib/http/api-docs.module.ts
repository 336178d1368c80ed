import { type DynamicModule, Module } from '@nestjs/common';

/** What `/openapi.json` and `/docs` say about an API beyond its routes. */
export interface ApiDocsOptions {
  readonly title: string;
  readonly description: string;
  /**
   * The trusted issuers (AUTH_ISSUER); Swagger UI signs in at the first. Its endpoints come from
   * its discovery document, or, while it cannot be read, oidc-provider's paths under it (`/auth`, `/token`).
   */
  readonly issuers: readonly string[];
  /** The API's resource identifier (RFC 8707), asked for in Swagger UI's sign-in: `urn:orders-api`. */
  readonly resource: string;
  /** The public client Swagger UI signs in as; default `api-docs`, the auth-server's development client. */
  readonly clientId?: string;
}

export const API_DOCS_OPTIONS = Symbol('API_DOCS_OPTIONS');

/**
 * Serves the app's OpenAPI 3.1 document at `GET /openapi.json` and Swagger UI at `GET /docs`,
 * both public, when the app imports this module (`createHttpApp` sets them up).
 *
 * @example
 * ApiDocsModule.forRoot({ title: 'orders-api', description: '...', issuers: ['http://localhost:3000'], resource: 'urn:orders-api' })
 */
@Module({})
export class ApiDocsModule {
  static forRoot(options: ApiDocsOptions): DynamicModule {
    return { module: ApiDocsModule, providers: [{ provide: API_DOCS_OPTIONS, useValue: options }] };
  }
}
