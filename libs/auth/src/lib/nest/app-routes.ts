import { type INestApplicationContext, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/** One HTTP route of a Nest application, as its decorators declare it. */
export interface AppRoute {
  /** `GET`, `POST`, ... */
  readonly method: string;
  /** The route template with Nest's parameters: `/orders/:id`. */
  readonly path: string;
  readonly controller: Type;
  readonly handler: (...args: unknown[]) => unknown;
}

/**
 * Every route of the application's controllers, read from the same decorator metadata Nest's
 * router registers them by (no global prefix, versioning or module paths: the apps use none).
 *
 * @example
 * const methods = new Set(appRoutes(app).map((route) => route.method)); // the API's methods, for CORS
 */
export function appRoutes(app: INestApplicationContext): AppRoute[] {
  const scanner = new MetadataScanner();
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as AppRoute['handler'];
        const methodPaths = pathsOf(Reflect.getMetadata(PATH_METADATA, handler));
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodPaths === undefined || requestMethod === undefined) continue;
        for (const base of pathsOf(Reflect.getMetadata(PATH_METADATA, controller)) ?? ['/']) {
          for (const path of methodPaths) {
            routes.push({ method: RequestMethod[requestMethod], path: joinPath(base, path), controller, handler });
          }
        }
      }
    }
  }
  return routes;
}

function pathsOf(metadata: unknown): readonly string[] | undefined {
  if (metadata === undefined) return undefined;
  return Array.isArray(metadata) ? (metadata as string[]) : [metadata as string];
}

function joinPath(base: string, path: string): string {
  const joined = `/${base}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
