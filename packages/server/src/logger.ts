import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** JSON logs with ISO times; secrets in headers never reach them. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'],
  };
  return destination ? pino(options, destination) : pino(options);
}
