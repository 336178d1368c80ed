import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@platform/server-kit';
import { type NextFunction, type Request, type Response, urlencoded } from 'express';
import type { AuthServerConfig } from './auth-server.config';
import { AuthServerModule, type AuthServerModuleOptions } from './auth-server.module';
import { OidcProviderHost } from './oidc/oidc-provider.host';

/** Paths Nest serves; every other request belongs to oidc-provider. */
const NEST_PATHS = /^\/(interaction|health|metrics)(\/|$)/;

/**
 * The auth-server on Express: Nest serves the login/consent pages, health and metrics, and
 * oidc-provider every protocol route. Nest's body parser is off because oidc-provider must read
 * its request bodies itself; only the interaction forms are parsed here.
 */
export async function createAuthServerApp(
  config: AuthServerConfig,
  options: AuthServerModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AuthServerModule.register(config, options), new ExpressAdapter(), {
    bodyParser: false,
    logger: createLogger(config.server.logLevel),
    ...(config.server.tls ? { httpsOptions: { cert: config.server.tls.cert, key: config.server.tls.key } } : {}),
  });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  app.use('/interaction', urlencoded({ extended: false, limit: '16kb' }));
  const host = app.get(OidcProviderHost);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (NEST_PATHS.test(req.path)) {
      next();
      return;
    }
    host.handle(req, res);
  });
  return app;
}
