import { Queue } from 'bullmq';
import type { Feature, ServerContext } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import type { AiChatService } from '../ai-chat/plugin.ts';
import { QueueDispatcher } from '../../queue/dispatcher.ts';
import { ExecutionWorker } from '../../queue/execution-worker.ts';
import { LeaderElection } from '../../queue/leader.ts';
import { parseMessage } from '../../queue/messages.ts';
import { registerQueueMetrics } from '../../queue/metrics.ts';
import { requeueOrphans } from '../../queue/reconciler.ts';
import { queueKeys, redisConnection } from '../../queue/redis.ts';
import { UnsavedExecutions } from '../../queue/unsaved.ts';
import { WorkflowSlots } from '../../queue/workflow-slots.ts';
import { pruningOf } from '../executions/plugin.ts';
import { waitTimersOf } from '../waiting/plugin.ts';

registerErrorStatus('QUEUE_UNAVAILABLE', 503);

const HEARTBEAT_MS = 5000;
/** The leader queues again executions whose process stopped beating this long ago. */
const ORPHAN_SCAN_MS = 10_000;

/** The chat feature's streams, when the app has that feature (tests may build without it). */
function aiChatOf(ctx: ServerContext): AiChatService | undefined {
  try {
    return ctx.services.get('aiChat');
  } catch {
    return undefined;
  }
}

interface QueueRuntime {
  start(): Promise<void>;
}
const runtimes = new WeakMap<ServerContext, QueueRuntime>();

/**
 * Queue mode (GUIXU_QUEUE_URL, docs/scaling.md): mains save executions and
 * queue their ids on BullMQ; `guixu worker` processes run them; workers'
 * events reach every main over Redis pub/sub (push, waiting webhooks); one
 * elected main requeues orphans. Without GUIXU_QUEUE_URL this feature does nothing.
 */
export const feature: Feature = {
  name: 'queue',
  // After executions (it hands the runner its dispatcher) and triggers (a main that does not
  // lead stops the schedules and listeners their start armed).
  order: 35,
  setup(ctx) {
    const settings = ctx.config.queue;
    if (!settings) return;
    const runner = ctx.services.get('executions');
    const keys = queueKeys(settings.prefix);
    const producer = redisConnection(settings.url, 'fail-fast');
    const blocking = redisConnection(settings.url, 'blocking');
    const subscriber = redisConnection(settings.url, 'blocking');
    for (const [name, connection] of [
      ['producer', producer],
      ['blocking', blocking],
      ['subscriber', subscriber],
    ] as const) {
      connection.on('error', (error: Error) =>
        ctx.log.debug({ err: error, connection: name }, 'redis error'),
      );
    }
    const queue = new Queue(keys.queueName, {
      connection: producer,
      prefix: settings.prefix,
      defaultJobOptions: {
        // A job fails only when its processor could not reach the database: it is tried again.
        attempts: 1000,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      },
    });
    queue.on('error', (error: Error) => ctx.log.debug({ err: error }, 'queue error'));
    // `/readyz` reports `queue`: the producer reconnects on its own, `ready` once Redis answers.
    ctx.readiness.add('queue', () => producer.status === 'ready');
    const unsaved = new UnsavedExecutions({
      redis: producer,
      keys,
      database: ctx.database,
      binary: runner.binary,
      log: ctx.log,
    });
    const dispatcher = new QueueDispatcher({
      queue,
      redis: producer,
      keys,
      database: ctx.database,
      store: runner.store,
      log: ctx.log,
      maxPending: settings.maxPending,
      unsaved,
    });
    runner.sendTo(dispatcher);
    const publish = (message: object) => {
      blocking.publish(keys.events, JSON.stringify(message)).catch((error: unknown) => {
        ctx.log.debug({ err: error }, 'could not publish to the cluster');
      });
    };
    const answerStreams = aiChatOf(ctx)?.streams;
    const metrics = registerQueueMetrics(ctx.metrics, { queue, role: settings.role });
    const timers: NodeJS.Timeout[] = [];
    let worker: ExecutionWorker | undefined;
    let leader: LeaderElection | undefined;
    let slots: WorkflowSlots | undefined;

    if (settings.role === 'worker') {
      slots = new WorkflowSlots(blocking, keys, settings.lockMs * 2);
      worker = new ExecutionWorker({
        runner,
        database: ctx.database,
        connection: blocking,
        publish,
        slots,
        keys,
        prefix: settings.prefix,
        concurrency: settings.workerConcurrency,
        lockMs: settings.lockMs,
        log: ctx.log,
        observe: metrics.jobDone,
        // A claim by a main (rows claimed before claims in queue mode belonged to no process) is no run.
        runsOn: async (id) => {
          const beat = await blocking.get(keys.worker(id));
          return beat?.includes('"role":"worker"') === true;
        },
      });
      metrics.utilisation(() => worker?.utilisation ?? 0);
      // Every runner event goes to the mains: the editor's socket may be on any of them.
      runner.events.subscribe((event) => publish({ t: 'event', event }));
      // Streamed answer parts of chat runs go to the main whose chat request waits for them.
      answerStreams?.relayTo((executionId, text) => {
        if (worker?.chats.has(executionId)) publish({ t: 'delta', executionId, text });
      });
      // Cancels from any main: the worker running the execution stops it.
      subscriber.on('message', (_channel: string, text: string) => {
        const message = parseMessage(text);
        if (message?.t === 'cancel') void runner.cancelActive(message.executionId);
      });
      void subscriber.subscribe(keys.control).catch((error: unknown) => {
        ctx.log.error({ err: error }, 'could not subscribe to cluster cancels');
      });
    } else {
      subscriber.on('message', (_channel: string, text: string) => {
        const message = parseMessage(text);
        if (!message) return;
        if (message.t === 'event') runner.events.emit(message.event);
        else if (message.t === 'delta') answerStreams?.emit(message.executionId, message.text);
        else dispatcher.onMessage(message);
      });
      void subscriber.subscribe(keys.events).catch((error: unknown) => {
        ctx.log.error({ err: error }, 'could not subscribe to cluster events');
      });
    }
    if (settings.role === 'main') {
      // Schedules, trigger listeners (RabbitMQ, MQTT, …), Wait wake-ups and pruning run on the leader only.
      let duties = Promise.resolve();
      const lead = async (leading: boolean) => {
        const triggers = ctx.services.get('triggers');
        if (leading) {
          triggers.schedules.start();
          // Workflows activated through another main since this one started are armed now.
          await triggers.schedules.sync();
          await triggers.events.start();
          await waitTimersOf(ctx)?.start();
          pruningOf(ctx)?.start();
        } else {
          await triggers.schedules.stop();
          await triggers.events.stop();
          waitTimersOf(ctx)?.stopScanning();
          pruningOf(ctx)?.stop();
        }
      };
      leader = new LeaderElection({
        redis: producer,
        key: keys.leader('main'),
        id: runner.instanceId,
        ttlMs: settings.leaderTtlMs,
        log: ctx.log,
        onChange: (leading) => {
          metrics.setLeader(leading);
          ctx.log.info(
            { instanceId: runner.instanceId, leading },
            leading ? 'leading the cluster' : 'not leading',
          );
          duties = duties
            .then(() => lead(leading))
            .catch((error: unknown) => ctx.log.error({ err: error }, 'could not hand over leader duties'));
        },
      });
    }
    // Workers beat every HEARTBEAT_MS: three missed beats mean the process is gone.
    const staleAfterMs = Math.max(HEARTBEAT_MS * 3, settings.lockMs * 2);

    runtimes.set(ctx, {
      async start() {
        worker?.start();
        // Schedules and listeners were not started with the triggers (queue/worker-features.ts):
        // the main that is elected starts them; a webhook process never leads.
        leader?.start();
        // The database heartbeat goes first and alone: while Redis is down, what runs here
        // must still look alive, or the leader would queue it again when Redis is back.
        const beatDatabase = () => runner.store.heartbeat(runner.instanceId);
        const beatRedis = async () => {
          const running = worker ? worker.running.size : 0;
          await blocking.set(
            keys.worker(runner.instanceId),
            JSON.stringify({ role: settings.role, pid: process.pid, running, at: new Date().toISOString() }),
            'PX',
            HEARTBEAT_MS * 3,
          );
          await slots?.renew();
          await metrics.refresh();
        };
        timers.push(
          setInterval(() => {
            beatDatabase().catch((error: unknown) =>
              ctx.log.warn({ err: error }, 'execution heartbeat failed'),
            );
            if (producer.status === 'ready') {
              beatRedis().catch((error: unknown) => ctx.log.debug({ err: error }, 'queue heartbeat failed'));
            }
          }, HEARTBEAT_MS),
        );
        if (leader) {
          const scan = () => {
            if (!leader?.isLeader) return;
            requeueOrphans(
              runner,
              queue,
              staleAfterMs,
              ctx.log,
              async (id) => (await producer.exists(keys.worker(id))) === 1,
              producer,
              keys,
            ).catch((error: unknown) => ctx.log.warn({ err: error }, 'orphan requeue failed'));
            // Save policies of executions whose queueing process died before applying them.
            unsaved.sweep().catch((error: unknown) => ctx.log.warn({ err: error }, 'unsaved sweep failed'));
          };
          timers.push(setInterval(scan, ORPHAN_SCAN_MS));
          // Redis came back (it may have lost its jobs): look for orphans at once.
          producer.on('ready', scan);
        }
        for (const timer of timers) timer.unref();
      },
    });
    ctx.lifecycle.onShutdown({
      name: 'queue',
      phase: 'drain',
      async run() {
        for (const timer of timers) clearInterval(timer);
        await leader?.stop();
        if (worker) {
          const drained = await worker.close(Math.floor(ctx.config.shutdownTimeoutMs * 0.7));
          if (!drained)
            ctx.log.warn({}, 'worker stopped with executions running: other workers continue them');
        }
      },
    });
    ctx.lifecycle.onShutdown({
      name: 'queue connections',
      phase: 'close',
      async run() {
        dispatcher.close();
        await queue.close().catch(() => undefined);
        for (const connection of [subscriber, blocking, producer]) connection.disconnect();
      },
    });
  },
  async start(ctx) {
    await runtimes.get(ctx)?.start();
  },
};
