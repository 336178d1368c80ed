/**
 * A base64url segment of a JWT decoded as a JSON object; `undefined` when it is not base64url
 * JSON or not an object (an array, a string, `null`). Callers decide what that means.
 */
export function decodeBase64urlJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // Not JSON: an answer (undefined), not a failure.
    return undefined;
  }
}
