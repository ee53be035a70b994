import type { CredentialProvider } from '@guixu/core';

export interface ProjectSources {
  /** The project a stored workflow belongs to. */
  projectOf(workflowId: string): Promise<string | null>;
  /** `$vars` for runs in a project. */
  varsFor(projectId: string | null): Promise<Record<string, string>>;
  /** Credentials a run in a project may use. */
  credentialsFor(projectId: string | null): CredentialProvider;
}

const TTL_MS = 5_000;

interface Cached<T> {
  value: Promise<T>;
  until: number;
}

/**
 * Project, `$vars` and credentials of a run, looked up once per few seconds
 * per workflow and project rather than once per execution: a changed variable
 * or a moved workflow takes effect within seconds, and the hot path does not
 * query for them on every run.
 */
export class ProjectContext {
  private readonly projects = new Map<string, Cached<string | null>>();
  private readonly vars = new Map<string, Cached<Record<string, string>>>();

  constructor(private readonly sources: ProjectSources) {}

  projectOf(workflowId: string): Promise<string | null> {
    return cached(this.projects, workflowId, () => this.sources.projectOf(workflowId));
  }

  varsFor(projectId: string | null): Promise<Record<string, string>> {
    return cached(this.vars, projectId ?? '', () => this.sources.varsFor(projectId));
  }

  credentialsFor(projectId: string | null): CredentialProvider {
    return this.sources.credentialsFor(projectId);
  }
}

function cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = load();
  // A failed lookup is not kept: the next run asks again.
  value.catch(() => map.delete(key));
  if (map.size > 10_000) map.clear();
  map.set(key, { value, until: now + TTL_MS });
  return value;
}
