interface ErrorLike {
  name: string;
  message: string;
  cause?: unknown;
}

/**
 * What a rejected `fetch` tells about the failure, for `errorDescription`: undici hides the reason
 * (`connect ECONNREFUSED ...`) in `cause`. Duck-typed, not `instanceof Error`: fetch's errors may
 * come from another realm (Jest runs tests in a VM context).
 */
export function describeNetworkFailure(error: unknown, timeoutMs: number): string {
  if (!isErrorLike(error)) {
    return String(error);
  }
  if (error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`;
  }
  return isErrorLike(error.cause) ? error.cause.message : error.message;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorLike).name === 'string' &&
    typeof (value as ErrorLike).message === 'string'
  );
}
