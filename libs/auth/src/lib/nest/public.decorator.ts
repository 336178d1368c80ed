import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_ROUTE } from './auth.constants';

/**
 * Opts a route (or controller) out of authentication. Every other route needs credentials.
 *
 * @example
 * @Public()
 * @Get('health/live')
 * live() { return { status: 'ok' }; }
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
