import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyAccessToOpenApi, type OAuthEndpoints } from '@platform/auth';
import type { ApiDocsOptions } from './api-docs.module';
import { AuthorizationServerEndpoints } from './authorization-server-endpoints';
import { toOpenApi31 } from './to-openapi-3-1';

/** Served with the UI: see `serveApiDocs`. */
const DOCS_LOCATION_SCRIPT = `// Swagger UI sends its OAuth redirect to oauth2-redirect.html beside the page: /docs/ gives
// /docs/oauth2-redirect.html (the registered one), /docs would give /oauth2-redirect.html.
if (location.pathname.endsWith('/docs')) history.replaceState(null, '', location.pathname + '/' + location.search + location.hash);
`;

/**
 * `GET /openapi.json` (OpenAPI 3.1) and `GET /docs` (Swagger UI), registered on Fastify outside
 * Nest's router, so no guard sees them: both are public. Operations carry the access their
 * decorators enforce (`applyAccessToOpenApi`). Swagger UI's "Authorize" signs in as the public
 * client `options.clientId` with PKCE, asking for the API's resource; the oauth2 endpoints are
 * the issuer's, read at each request (see `AuthorizationServerEndpoints`).
 */
export function serveApiDocs(app: NestFastifyApplication, options: ApiDocsOptions): void {
  const base = toOpenApi31(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle(options.title).setDescription(options.description).build(),
      { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` },
    ),
  );
  const [issuer] = options.issuers;
  if (issuer === undefined) throw new TypeError('ApiDocsOptions.issuers is empty: Swagger UI needs an authorization server');
  const endpoints = new AuthorizationServerEndpoints(issuer);
  // Built now, so a route without an operation stops the app at start-up rather than at the first request.
  let built: { endpoints: OAuthEndpoints; document: OpenAPIObject } = {
    endpoints: endpoints.fallback,
    document: applyAccessToOpenApi(base, app, endpoints.fallback),
  };
  const documentFor = async (): Promise<OpenAPIObject> => {
    const current = await endpoints.current();
    if (built.endpoints !== current) built = { endpoints: current, document: applyAccessToOpenApi(base, app, current) };
    return built.document;
  };

  app.getHttpAdapter().get('/docs/docs-location.js', (_request, reply: { type(value: string): { send(body: string): void } }) => {
    reply.type('application/javascript').send(DOCS_LOCATION_SCRIPT);
  });
  SwaggerModule.setup('docs', app, base, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: `${options.title}: API documentation`,
    customJs: '/docs/docs-location.js',
    patchDocumentOnRequest: () => documentFor(),
    swaggerOptions: {
      initOAuth: {
        clientId: options.clientId ?? 'api-docs',
        usePkceWithAuthorizationCodeGrant: true,
        additionalQueryStringParams: { resource: options.resource },
      },
    },
  });
}
