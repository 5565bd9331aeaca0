// The one way the e2e suites wait: read, check, read again until it holds or time runs out, and
// then say what was awaited and what was last seen. The workbench and the extension update the
// screen asynchronously; a fixed sleep would be either too short or wasted.

/** Reads until `accept` holds and returns that value; on timeout the error shows the last one (`show`). */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
  show: (value: T) => string = (value) => JSON.stringify(value),
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen:\n${show(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
