/** The OpenStack layer's plain sentence when there is one, else the error's message. */
export function explanationOf(error: Error): string {
  const explanation: unknown = (error as Error & { explanation?: unknown }).explanation;
  return typeof explanation === 'string' ? explanation : error.message;
}
