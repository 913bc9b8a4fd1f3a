import { pino, type Logger } from 'pino';

/** Structured JSON logs. Callers log ids and sizes, never document text. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'concord' }, redact: ['req.headers.cookie', 'headers.cookie'] });
}
