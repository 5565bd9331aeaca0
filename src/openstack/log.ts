/**
 * The logging surface of the clients. The extension adapts it to a LogOutputChannel;
 * tests and the CLI use plain Node. Callers pass already-redacted text (see redact.ts).
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
