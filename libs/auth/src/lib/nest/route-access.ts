import type { ExecutionContext, Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { AuthMethod } from '../core/principal';
import type { ScopeRequirement } from '../core/scopes';
import { AUTH_METHODS, IS_PUBLIC_ROUTE, REQUIRED_SCOPES } from './auth.constants';

/** What a route's decorators say about access, read once per handler. */
export interface RouteAccess {
  /** `@Public()`: no credentials are checked. */
  readonly isPublic: boolean;
  /** `@AuthMethods()`; bearer tokens only by default. */
  readonly methods: readonly AuthMethod[];
  /** `@Scopes()`, `@AnyScope()` or `@Authenticated()`; `undefined`: any authenticated caller. */
  readonly requirement: ScopeRequirement | undefined;
}

const BEARER_ONLY: readonly AuthMethod[] = ['bearer'];
const byController = new WeakMap<Type, WeakMap<object, RouteAccess>>();

/**
 * The access decorators of the route that `context` is handling, handler before controller
 * (`Reflector.getAllAndOverride`). Decorators are fixed once the app is built, so the answer is
 * kept per handler: the guards ask on every request.
 */
export function routeAccess(reflector: Reflector, context: ExecutionContext): RouteAccess {
  const handler = context.getHandler();
  const controller = context.getClass();
  let handlers = byController.get(controller);
  if (handlers === undefined) {
    handlers = new WeakMap();
    byController.set(controller, handlers);
  }
  let access = handlers.get(handler);
  if (access === undefined) {
    access = readRouteAccess(reflector, handler, controller);
    handlers.set(handler, access);
  }
  return access;
}

/** The access decorators of one handler, handler before controller: what the guards enforce, and what the OpenAPI document says. */
// Nest types handlers as `Function`, as ExecutionContext.getHandler() returns them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function readRouteAccess(reflector: Reflector, handler: Function, controller: Type): RouteAccess {
  const targets = [handler, controller];
  return {
    isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_ROUTE, targets) === true,
    methods: reflector.getAllAndOverride<readonly AuthMethod[] | undefined>(AUTH_METHODS, targets) ?? BEARER_ONLY,
    requirement: reflector.getAllAndOverride<ScopeRequirement | undefined>(REQUIRED_SCOPES, targets),
  };
}
