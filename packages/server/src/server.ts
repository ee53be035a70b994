import { GuixuError, type NodeRegistry } from '@guixu/core';
import { configureCode } from '@guixu/nodes';
import type { Logger } from 'pino';
import { buildApp, type GuixuApp } from './app.ts';
import { exportNodeSettings, type ServerConfig } from './config.ts';
import type { Feature } from './context.ts';
import { type MigrationReport, migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { Lifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';

export interface StartOptions {
  registry?: NodeRegistry;
  logger?: Logger;
  features?: Feature[];
  /** Install SIGINT/SIGTERM handlers that shut down gracefully (default true). */
  handleSignals?: boolean;
}

export interface RunningServer extends GuixuApp {
  /** Base URL the server listens on. */
  url: string;
  /** Stops accepting, drains, runs shutdown hooks, closes the database. Safe to call twice. */
  close(reason?: string): Promise<void>;
}

/** `guixu start`: migrate, build the app, start the features, listen. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  configureCode(config.code);
  exportNodeSettings(config.nodes);
  const database = await openDatabase(config.database);
  try {
    const report = await migrateToLatest(database);
    if (report.applied.length > 0) log.info({ applied: report.applied }, 'database migrated');
  } catch (error) {
    await database.close();
    throw error;
  }
  const lifecycle = new Lifecycle();
  const built = await buildApp({
    config,
    database,
    logger: log,
    lifecycle,
    migrated: true,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.features ? { features: options.features } : {}),
  });
  const { app } = built;
  const abort = async () => {
    await lifecycle.runPhase('drain', log);
    await app.close();
    await lifecycle.runPhase('close', log);
    await database.close();
  };
  // Before listening: the first request must find the re-activated triggers.
  try {
    await built.start();
  } catch (error) {
    await abort();
    throw error;
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await abort();
    throw listenError(error, config);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (reason = 'shutdown'): Promise<void> => {
    closing ??= shutdown(reason);
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    close(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  async function shutdown(reason: string): Promise<void> {
    lifecycle.markStopping();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs);
      timer.unref();
    });
    const graceful = Promise.all([lifecycle.runPhase('drain', log), app.close()]).then(() => 'done' as const);
    if ((await Promise.race([graceful, deadline])) === 'timeout') {
      log.warn({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; closing connections');
      app.server.closeAllConnections();
    }
    clearTimeout(timer);
    await lifecycle.runPhase('close', log);
    await database.close();
    log.info({ reason }, 'stopped');
  }

  if (options.handleSignals !== false) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  log.info({ url, database: config.database.kind }, 'GuixuFlow is listening');
  return { ...built, url, close };
}

function listenError(error: unknown, config: ServerConfig): unknown {
  const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  if (code === 'EADDRINUSE') {
    return new GuixuError(
      'PORT_IN_USE',
      `Port ${config.port} on ${config.host} is already in use; set GUIXU_PORT to another port`,
      {
        audience: 'operator',
        cause: error,
      },
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new GuixuError('HOST_UNAVAILABLE', `Cannot listen on host ${config.host}; check GUIXU_HOST`, {
      audience: 'operator',
      cause: error,
    });
  }
  return error;
}

/** `guixu db migrate`: brings the database to the newest schema and closes it. */
export async function migrate(config: ServerConfig): Promise<MigrationReport> {
  const database = await openDatabase(config.database);
  try {
    return await migrateToLatest(database);
  } finally {
    await database.close();
  }
}
