import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC_ROUTE, REQUIRED_SCOPES } from '../lib/nest/auth.constants';

/**
 * Lists the route handlers that declare no access decision (`@Public()`, `@Authenticated()`,
 * `@Scopes()` or `@AnyScope()`, on the handler or its controller). An app's test asserts the
 * list is empty, so a new route cannot ship without someone deciding who may call it.
 * The app must import `DiscoveryModule`.
 */
export function routesWithoutAccessDecision(app: INestApplication): string[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const undecided: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance: unknown = wrapper.instance;
    const metatype = wrapper.metatype;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata('path', handler) === undefined) continue;
      const decided = [IS_PUBLIC_ROUTE, REQUIRED_SCOPES].some(
        (key) => reflector.getAllAndOverride<unknown>(key, [handler, metatype]) !== undefined,
      );
      if (!decided) undecided.push(`${metatype.name}.${name}`);
    }
  }
  return undecided;
}
