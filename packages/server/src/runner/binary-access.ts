import { type BinaryRef, type BinaryStore, GuixuError } from '@guixu/core';

/**
 * Who may read a stored file. A binary id names the execution that wrote it
 * (`fs:<execution>:<uuid>`, `s3:<execution>:<uuid>`), and run data can carry
 * any id: pinned data and a Code node's output are the user's. So a run reads
 * a file only when its execution is the run's own, in the run's project, or a
 * parent or child of the run (a shared sub-workflow in another project hands
 * files back and forth). Anything else is refused before the store is asked.
 */
export interface ExecutionFacts {
  projectId: string | null;
  parentExecutionId: string | null;
}

const OWNER = /^[a-z0-9]+:([A-Za-z0-9_-]{1,128}):/;
/** Parent links followed at most (nested sub-workflows). */
const MAX_HOPS = 16;
/** Executions that ended lately, whose rows a save policy may have left unwritten. */
const RECENT = 2000;

/** The execution a binary reference's file belongs to, when the id says. */
export function binaryOwnerOf(ref: BinaryRef | string): string | undefined {
  const id: unknown = typeof ref === 'string' ? ref : ref?.id;
  return typeof id === 'string' ? OWNER.exec(id)?.[1] : undefined;
}

export class BinaryAccess {
  private readonly recent = new Map<string, ExecutionFacts>();

  /** `lookup`: a running execution's facts, else its stored row's. */
  constructor(private readonly lookup: (executionId: string) => Promise<ExecutionFacts | undefined>) {}

  /** An execution that ended: its facts stay known while its caller may still read its files. */
  remember(executionId: string, facts: ExecutionFacts): void {
    this.recent.delete(executionId);
    this.recent.set(executionId, facts);
    if (this.recent.size > RECENT) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }

  /** Whether a run (`executionId` acting in `projectId`) may read the files of `owner`. */
  async allowed(executionId: string, projectId: string | null, owner: string | undefined): Promise<boolean> {
    if (owner === undefined) return false;
    if (owner === executionId) return true;
    const facts = await this.facts(owner);
    if (!facts) return false;
    if (facts.projectId === projectId) return true;
    return (await this.descends(owner, executionId)) || this.descends(executionId, owner);
  }

  /** `allowed` for an execution known by id alone (running, ended lately, or stored). */
  async allowedFor(executionId: string, owner: string | undefined): Promise<boolean> {
    if (owner === executionId) return true;
    const facts = await this.facts(executionId);
    return facts ? this.allowed(executionId, facts.projectId, owner) : false;
  }

  private async facts(executionId: string): Promise<ExecutionFacts | undefined> {
    return this.recent.get(executionId) ?? (await this.lookup(executionId));
  }

  private async descends(from: string, ancestor: string): Promise<boolean> {
    let current = from;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const parent = (await this.facts(current))?.parentExecutionId;
      if (!parent) return false;
      if (parent === ancestor) return true;
      current = parent;
    }
    return false;
  }
}

export function binaryAccessDenied(ref: BinaryRef | string): GuixuError {
  const id = typeof ref === 'string' ? ref : ref.id;
  return new GuixuError(
    'BINARY_ACCESS_DENIED',
    `The binary data "${String(id).slice(0, 200)}" belongs to an execution this run may not read (another project's)`,
    { details: { binaryId: String(id).slice(0, 200) } },
  );
}

/**
 * `store` for one run: reads are checked with `allowed` (once per owning
 * execution), writes and deletions pass through.
 */
export function guardedBinaryStore(
  store: BinaryStore,
  allowed: (owner: string | undefined) => Promise<boolean> | boolean,
): BinaryStore {
  const decisions = new Map<string, Promise<boolean>>();
  const check = async (ref: BinaryRef | string): Promise<void> => {
    const owner = binaryOwnerOf(ref);
    const key = owner ?? '';
    let decision = decisions.get(key);
    if (!decision) {
      decision = Promise.resolve(allowed(owner));
      decisions.set(key, decision);
    }
    if (!(await decision)) throw binaryAccessDenied(ref);
  };
  return {
    put: (data, meta) => store.put(data, meta),
    async get(ref) {
      await check(ref);
      return store.get(ref);
    },
    stream(ref) {
      return (async function* () {
        await check(ref);
        yield* store.stream(ref);
      })();
    },
    deleteExecution: (executionId) => store.deleteExecution(executionId),
  };
}
