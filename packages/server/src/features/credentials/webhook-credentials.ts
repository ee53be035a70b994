import { type CredentialProvider, type CredentialRequest, GuixuError } from '@guixu/core';

export interface WebhookCredentialOptions {
  /** The project of a stored workflow; null for workflows outside any project. */
  projectOf(workflowId: string): Promise<string | null>;
  /** Stored credentials a run in this project may use (its own and those shared into it for `use`). */
  stored(projectId: string): CredentialProvider;
  /** Credentials defined outside the store (`GUIXU_CREDENTIALS`). */
  fallback: CredentialProvider;
}

const isNotFound = (error: unknown) => error instanceof GuixuError && error.code === 'CREDENTIAL_NOT_FOUND';

/**
 * The credentials a webhook's authentication reads: the stored ones its
 * workflow's project may use, then `GUIXU_CREDENTIALS`. A workflow outside
 * any project reads only the latter.
 */
export function webhookCredentials(options: WebhookCredentialOptions) {
  return (workflowId: string): CredentialProvider => ({
    async get(request: CredentialRequest) {
      const projectId = await options.projectOf(workflowId);
      if (projectId === null) return options.fallback.get(request);
      try {
        return await options.stored(projectId).get(request);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        return options.fallback.get(request).catch(() => Promise.reject(error));
      }
    },
  });
}
